// Fills a Ratusz database with published service cards for the catalogue benchmark:
// `node --import tsx bench/seed-catalogue.ts <count>` with the same environment as the server.
import { buildApp } from '../src/app/build-app.js'
import { seedDemo } from '../src/app/demo/seed-demo.js'
import { migrate, openConfiguredDatabase } from '../src/app/prepare.js'
import { SYSTEM_ACTOR } from '../src/modules/identity/index.js'
import { loadConfig } from '../src/platform/config.js'

const WORDS = [
  ['паспорт', 'dowód', 'passport'],
  ['реєстрація', 'rejestracja', 'registration'],
  ['дозвіл', 'pozwolenie', 'permit'],
  ['довідка', 'zaświadczenie', 'certificate'],
  ['субсидія', 'dopłata', 'subsidy'],
  ['земля', 'grunt', 'land'],
  ['транспорт', 'pojazd', 'vehicle'],
  ['податок', 'podatek', 'tax'],
  ['шлюб', 'małżeństwo', 'marriage'],
  ['будівництво', 'budowa', 'construction'],
]

/**
 * A real catalogue's words are mostly rare: each card has its own subject (a pseudo-word from these
 * syllables, 8,000 of them, deterministic), and one card in ten is also about one of the common
 * subjects above, so that `pasport` finds about one card in a hundred, like a resident's query would.
 */
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'tu',
  've',
  'no',
  'si',
  'pe',
  'da',
  'zo',
  'ly',
  'che',
  'bor',
  'vit',
  'dan',
  'hor',
  'lis',
  'mar',
  'ten',
]
const rareWord = (n: number) =>
  SYLLABLES[n % 20]! + SYLLABLES[Math.floor(n / 20) % 20]! + SYLLABLES[Math.floor(n / 400) % 20]!

const count = Number(process.argv[2] ?? 5000)
const config = loadConfig()
const database = openConfiguredDatabase(config)
const app = await buildApp({ config, database, logger: false })
await migrate(database)
await seedDemo(app.services)
const started = performance.now()
for (let i = 0; i < count; i++) {
  const a = WORDS[i % WORDS.length]!
  const b = WORDS[(i * 7 + 3) % WORDS.length]!
  const common = i % 10 === 0
  const own = rareWord(i)
  const about = rareWord(i + 4000)
  const name = (k: 0 | 1 | 2) => (common ? `${own} ${a[k]} ${i}` : `${own} ${about} ${i}`)
  const card = await app.services.catalogue.createService(SYSTEM_ACTOR, {
    code: `BENCH-${i}`,
    name: { uk: name(0), pl: name(1), en: name(2) },
    description: {
      uk: `Опис послуги ${i}: ${common ? b[0] : about}.`,
      pl: `Opis usługi ${i}: ${common ? b[1] : about}.`,
      en: `Service ${i} about ${common ? b[2] : about}.`,
    },
    processingTime: `P${(i % 30) + 1}D`,
    fees: [
      { amount: (i % 10) * 1000, currency: 'UAH', description: { uk: 'Збір', pl: 'Opłata', en: 'Fee' } },
    ],
    requiredDocuments: [{ uk: 'Заява', pl: 'Wniosek', en: 'Application form' }],
    categories: ['documents'],
  })
  await app.services.catalogue.publish(SYSTEM_ACTOR, card.id)
  if ((i + 1) % 1000 === 0) process.stderr.write(`seeded ${i + 1}/${count} cards\n`)
}
process.stderr.write(`seeded ${count} cards in ${Math.round((performance.now() - started) / 1000)} s\n`)
await app.close()
