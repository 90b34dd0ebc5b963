// Fills a Ratusz database with a city's years of correspondence and cases for the records benchmark:
// `node --import tsx bench/seed-records.ts <cases>` with the server's environment. Two register entries
// per case (the letter that started it and the answer), each with its first version and its search
// text; one document per case with its text read (as the text job leaves it; the file itself is not
// written: the benchmark never downloads it); cases spread over Lublin's three units, the JRWA's leaf classes and ten years, in every state.
// Written in batches straight through Kysely (the services would take hours for millions); the
// counters are set to what was written, so registrations afterwards go on numbering from there.
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { buildApp } from '../src/app/build-app.js'
import { seedDemo } from '../src/app/demo/seed-demo.js'
import { migrate, openConfiguredDatabase } from '../src/app/prepare.js'
import { CASE_STATUSES } from '../src/modules/cases/case-transitions.js'
import { SYSTEM_ACTOR } from '../src/modules/identity/index.js'
import { loadConfig } from '../src/platform/config.js'
import { foldForSearch } from '../src/platform/search/fold.js'

const CASES = Number(process.argv[2] ?? 1_000_000)
const BATCH = 500
const YEARS = 10
const FIRST_YEAR = 2017
const NAMES = [
  'Kowalska',
  'Nowak',
  'Wiśniewski',
  'Wójcik',
  'Kamińska',
  'Lewandowski',
  'Zielińska',
  'Szymański',
  'Dąbrowska',
  'Kozłowski',
]
const GIVEN = ['Anna', 'Jan', 'Maria', 'Piotr', 'Katarzyna', 'Tomasz', 'Agnieszka', 'Paweł', 'Olena', 'Taras']
const SUBJECTS = [
  'Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach',
  'Wniosek o wydanie decyzji o warunkach zabudowy',
  'Wniosek o zezwolenie na usunięcie drzewa',
  'Wniosek o zajęcie pasa drogowego',
  'Skarga na działanie pracownika',
  'Wniosek o udostępnienie informacji publicznej',
  'Petycja w sprawie oświetlenia ulicy',
  'Wniosek o nadanie numeru porządkowego',
]
/** Cases in every state of the workflow, in turn. */
const STATES = CASE_STATUSES

const config = loadConfig()
const database = openConfiguredDatabase(config)
const app = await buildApp({ config, database, logger: false })
await migrate(database)
await seedDemo(app.services, (m) => process.stderr.write(`demo: ${m}\n`), { records: false })
const db = database.db
const offices = await app.services.offices.listOffices(SYSTEM_ACTOR)
const lublin = offices.find((o) => o.code === 'LUB-BOM')!.id
const units = await app.services.offices.listUnits(SYSTEM_ACTOR, lublin)
const [version] = await app.services.classification.list(SYSTEM_ACTOR, lublin)
const leaves = (await app.services.classification.classes(SYSTEM_ACTOR, version!.id, undefined)).filter(
  (c) => c.leaf,
)
const officer = (await app.services.users.listUsers(SYSTEM_ACTOR)).find((u) => u.login === 'demo-officer')!.id

const started = performance.now()
const counters = new Map<string, number>()
const next = (scope: string, period: string) => {
  const key = `${scope}\u0000${period}`
  const n = (counters.get(key) ?? 0) + 1
  counters.set(key, n)
  return n
}
const uuid = (kind: number, i: number) =>
  `0190b7a0-${String(kind).padStart(4, '0')}-7000-8000-${String(i).padStart(12, '0')}`

for (let from = 0; from < CASES; from += BATCH) {
  const cases: Record<string, unknown>[] = []
  const entries: Record<string, unknown>[] = []
  const versions: Record<string, unknown>[] = []
  const letters: Record<string, unknown>[] = []
  const docs: Record<string, unknown>[] = []
  const documents: Record<string, unknown>[] = []
  const documentVersions: Record<string, unknown>[] = []
  for (let i = from; i < Math.min(CASES, from + BATCH); i++) {
    const year = FIRST_YEAR + Math.floor((i / CASES) * YEARS)
    const day = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
    const at = `${day}T${String(8 + (i % 8)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`
    const unit = units[i % units.length]!
    const cls = leaves[(i * 7) % leaves.length]!
    const name = `${GIVEN[i % 10]} ${NAMES[Math.floor(i / 10) % 10]}`
    const subject = `${SUBJECTS[i % SUBJECTS.length]} nr ${i}`
    const status = STATES[i % STATES.length]!
    for (const direction of ['incoming', 'outgoing'] as const) {
      const seq = next(`${direction}:${lublin}`, String(year))
      const id = uuid(direction === 'incoming' ? 1 : 2, i)
      const number = direction === 'incoming' ? `RPW/${seq}/${year}` : `${seq}/${year}`
      const party = JSON.stringify({
        kind: 'person',
        name,
        address: { street: `ul. Długa ${i % 200}`, postcode: '20-001', city: 'Lublin', country: 'PL' },
      })
      entries.push({
        id,
        office_id: lublin,
        direction,
        year,
        seq,
        number,
        status: direction === 'incoming' ? 'assigned' : 'dispatched',
        title: direction === 'incoming' ? subject : `Odpowiedź: ${subject}`,
        party,
        letter_date: day,
        reference: null,
        attachments: i % 3,
        notes: null,
        channel: direction === 'incoming' ? 'paper' : null,
        received_at: direction === 'incoming' ? at : null,
        method: direction === 'outgoing' ? 'registered-post' : null,
        tracking_number: direction === 'outgoing' ? `RR${String(100000000 + i)}PL` : null,
        dispatched_at: direction === 'outgoing' ? at : null,
        delivered_on: null,
        delivery_file_id: null,
        unit_id: unit.id,
        assignee_id: direction === 'incoming' ? officer : null,
        void_reason: null,
        idempotency_key: null,
        version: 1,
        registered_at: at,
        registered_by: 'bench',
        updated_at: at,
      })
      versions.push({
        entry_id: id,
        version: 1,
        action: 'register',
        state: JSON.stringify({ number, title: subject, party }),
        changed_at: at,
        changed_by: 'bench',
      })
      docs.push({ scope: direction, doc_id: id, text: foldForSearch(`${number} ${subject} ${name} Lublin`) })
    }
    const caseSeq = next(`case:${lublin}:${unit.id}:${cls.symbol}`, String(year))
    const sign = `${unit.code}.${cls.symbol}.${caseSeq}.${year}`
    const caseId = uuid(3, i)
    cases.push({
      id: caseId,
      office_id: lublin,
      unit_id: unit.id,
      classification_id: version!.id,
      symbol: cls.symbol,
      category: cls.category,
      year,
      seq: caseSeq,
      parent_id: null,
      sign,
      title: subject,
      status,
      started_on: day,
      closed_on: status === 'closed' ? day : null,
      assignee_id: status === 'registered' ? null : officer,
      parties: JSON.stringify([{ kind: 'person', name, role: 'applicant' }]),
      term_days: 30,
      due_on: null,
      version: 1,
      created_at: at,
      created_by: 'bench',
      updated_at: at,
    })
    letters.push({ case_id: caseId, entry_id: uuid(1, i), linked_at: at, linked_by: 'bench' })
    const documentId = uuid(4, i)
    const text = [
      `Urząd Miasta Lublin, ${day}. Znak sprawy: ${sign}.`,
      `Szanowna Pani / Szanowny Panie ${name}, w odpowiedzi na pismo w sprawie: ${subject.toLowerCase()},`,
      `uprzejmie informuję, że po rozpatrzeniu wniosku ustalono kwotę ${1000 + (i % 9000)} zł.`,
      'Uzasadnienie: organ zbadał przedłożone dokumenty i stan faktyczny sprawy.',
      'Od rozstrzygnięcia przysługuje odwołanie w terminie 14 dni od dnia doręczenia.',
    ].join('\n')
    documents.push({
      id: documentId,
      case_id: caseId,
      seq: 1,
      title: `Odpowiedź w sprawie ${sign}`,
      kind: 'decision',
      form: 'born-digital',
      access: 'internal',
      language: 'pl',
      document_date: day,
      creator: 'bench',
      recipient: name,
      relation: null,
      description: null,
      paper_location: null,
      current_version: 1,
      version: 1,
      created_at: at,
      created_by: 'bench',
      updated_at: at,
    })
    documentVersions.push({
      document_id: documentId,
      version: 1,
      sha256: createHash('sha256').update(text).digest('hex'),
      name: 'odpowiedz.pdf',
      type: 'pdf',
      size: text.length * 4,
      reason: null,
      text_status: 'done',
      text_note: null,
      text,
      created_at: at,
      created_by: 'bench',
    })
    docs.push({
      scope: 'document',
      doc_id: documentId,
      text: foldForSearch(`Odpowiedź w sprawie ${sign} bench ${name} odpowiedz.pdf ${text}`),
    })
    docs.push({ scope: 'case', doc_id: caseId, text: foldForSearch(`${sign} ${subject} ${name}`) })
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('register_entries' as never)
      .values(entries as never)
      .execute()
    await trx
      .insertInto('register_entry_versions' as never)
      .values(versions as never)
      .execute()
    await trx
      .insertInto('cases' as never)
      .values(cases as never)
      .execute()
    await trx
      .insertInto('case_letters' as never)
      .values(letters as never)
      .execute()
    await trx
      .insertInto('case_documents' as never)
      .values(documents as never)
      .execute()
    await trx
      .insertInto('case_document_versions' as never)
      .values(documentVersions as never)
      .execute()
    await trx
      .insertInto('search_documents' as never)
      .values(docs as never)
      .execute()
  })
  if ((from + BATCH) % 50_000 === 0)
    process.stderr.write(
      `seeded ${from + BATCH}/${CASES} cases, ${2 * (from + BATCH)} letters, ${Math.round((performance.now() - started) / 1000)} s\n`,
    )
}
for (const [key, value] of counters) {
  const [scope, period] = key.split('\u0000') as [string, string]
  await sql`insert into counters (scope, period, last_value) values (${scope}, ${period}, ${value})`.execute(
    db,
  )
}
if (database.dialect === 'postgres') await sql`analyze`.execute(db)
else await sql`analyze`.execute(db)
process.stderr.write(
  `seeded ${CASES} cases and ${2 * CASES} letters in ${Math.round((performance.now() - started) / 1000)} s\n`,
)
await app.close()
