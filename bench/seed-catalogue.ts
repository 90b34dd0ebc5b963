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
  const card = await app.services.catalogue.createService(SYSTEM_ACTOR, {
    code: `BENCH-${i}`,
    name: { uk: `${a[0]} ${b[0]} ${i}`, pl: `${a[1]} ${b[1]} ${i}`, en: `${a[2]} ${b[2]} ${i}` },
    description: {
      uk: `Опис послуги ${i}: ${b[0]}.`,
      pl: `Opis usługi ${i}: ${b[1]}.`,
      en: `Service ${i} about ${b[2]}.`,
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
