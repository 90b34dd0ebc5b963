import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { type Actor, SYSTEM_ACTOR } from '../../modules/identity/index.js'
import { letterPdf } from '../../platform/pdf-table.js'
import { projectRoot } from '../../platform/project-root.js'
import type { Services } from '../build-app.js'

const demoFile = (name: string) => readFileSync(join(projectRoot(), 'src', 'app', 'demo', name), 'utf8')

/**
 * The records demo's classifications: a municipal JRWA subset for Lublin and a ЦНАП nomenclature
 * for the Ukrainian centres, adopted from the start of 2025.
 */
export async function seedClassifications(services: Services, officeIds: Map<string, string>): Promise<void> {
  for (const [code, officeId] of officeIds) {
    const file = code.startsWith('LUB') ? 'jrwa-gmina.csv' : 'nomenclature-cnap.csv'
    await services.classification.importClassification(SYSTEM_ACTOR, officeId, demoFile(file), '2025-01-01')
  }
}

const SENDERS = [
  {
    kind: 'person',
    name: 'Anna Kowalska',
    address: { street: 'ul. Lipowa 3', postcode: '20-020', city: 'Lublin', country: 'PL' },
  },
  {
    kind: 'person',
    name: 'Jan Wiśniewski',
    address: { street: 'ul. Narutowicza 12/4', postcode: '20-016', city: 'Lublin', country: 'PL' },
  },
  {
    kind: 'organisation',
    name: 'Zakład Ubezpieczeń Społecznych, Oddział w Lublinie',
    address: { street: 'ul. Lubartowska 10', postcode: '20-115', city: 'Lublin', country: 'PL' },
  },
  {
    kind: 'organisation',
    name: 'Wojewoda Lubelski',
    address: { street: 'ul. Spokojna 4', postcode: '20-914', city: 'Lublin', country: 'PL' },
  },
  { kind: 'person', name: 'Małgorzata Zając', address: null },
  { kind: 'unknown', name: null, address: null },
] as const
const SUBJECTS: [string, string][] = [
  ['Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach', '316'],
  ['Skarga na działanie pracownika', '0151'],
  ['Wniosek o udostępnienie informacji publicznej', '016'],
  ['Wniosek o wydanie decyzji o warunkach zabudowy', '602'],
  ['Wniosek o zezwolenie na usunięcie drzewa', '621'],
  ['Wniosek o zajęcie pasa drogowego', '701'],
  ['Petycja w sprawie oświetlenia ulicy', '0153'],
  ['Wniosek o nadanie numeru porządkowego', '613'],
]

const PDFS = new Map<string, Buffer>()

/** A document of a case's file with a PDF the project makes itself (real text, read for search). */
async function addPdf(
  services: Services,
  actor: Actor,
  caseId: string,
  d: {
    title: string
    kind: 'application' | 'decision'
    form: 'digitised' | 'born-digital'
    creator: string
    paragraphs: string[]
  },
) {
  // One PDF per text: cases of one subject share it, as the blob store keeps one copy and the text
  // job reads it once.
  const key = JSON.stringify([d.title, d.paragraphs])
  const pdf = PDFS.get(key) ?? (await letterPdf({ title: d.title, paragraphs: d.paragraphs, lang: 'pl' }))
  PDFS.set(key, pdf)
  await services.cases.addDocument(
    actor,
    caseId,
    { title: d.title, kind: d.kind, form: d.form, creator: d.creator },
    {
      content: Readable.from([pdf]),
      name: d.kind === 'application' ? 'wniosek-skan.pdf' : 'projekt-odpowiedzi.pdf',
      mediaType: 'application/pdf',
    },
  )
}

/**
 * A few hundred letters and cases for Lublin: incoming letters over the last weeks, about a third
 * taken into cases in every state of the workflow with PDF documents in their files, and outgoing
 * answers, some dispatched and linked to their cases. Made through the services, so numbers, versions and the audit log are real.
 */
export async function seedRecords(services: Services, lublin: string, onProgress?: (m: string) => void) {
  const units = await services.offices.listUnits(SYSTEM_ACTOR, lublin)
  const unitOf = (code: string) => units.find((u) => u.code === code)!.id
  const officer: Actor = { ...SYSTEM_ACTOR, login: 'demo-seed' }
  const now = services.clock.now().getTime()
  const letters: { id: string; subject: [string, string]; receivedOn: string }[] = []
  for (let i = 0; i < 240; i++) {
    const subject = SUBJECTS[i % SUBJECTS.length]!
    const sender = SENDERS[i % SENDERS.length]!
    const receivedAt = new Date(now - (240 - i) * 3 * 3_600_000).toISOString()
    const entry = await services.registry.registerIncoming(officer, lublin, {
      receivedAt,
      channel: (['paper', 'epuap', 'email', 'in-person'] as const)[i % 4]!,
      sender: { kind: sender.kind, name: sender.name, address: sender.address },
      title: subject[0],
      letterDate: i % 5 === 0 ? null : new Date(now - (245 - i) * 3 * 3_600_000).toISOString().slice(0, 10),
      attachments: i % 3,
      ...(i % 3 !== 2 ? { assignee: { unitId: unitOf(i % 2 ? 'OR' : 'SO') } } : {}),
    })
    if (i % 3 === 0) letters.push({ id: entry.id, subject, receivedOn: receivedAt.slice(0, 10) })
    if (i === 17)
      await services.registry.voidEntry(officer, 'incoming', entry.id, 'Zarejestrowano dwukrotnie')
  }
  onProgress?.('records: 240 incoming letters')
  const walk = ['start', 'submit', 'approve', 'dispatch', 'close'] as const
  const demoOfficer = (await services.users.listUsers(SYSTEM_ACTOR)).find((u) => u.login === 'demo-officer')
  let opened = 0
  for (const [i, letter] of letters.entries()) {
    if (i === 3) continue // the voided one's neighbours stay letters only
    const created = await services.cases.openCase(officer, {
      officeId: lublin,
      unitId: unitOf(i % 2 ? 'OR' : 'SO'),
      symbol: letter.subject[1],
      title: letter.subject[0],
      incomingIds: [letter.id],
      parties: [{ kind: 'person', name: SENDERS[i % SENDERS.length]!.name ?? 'Nieznany', role: 'applicant' }],
      // The term runs from the letter's receipt: a month under KPA, or 14 days set by hand.
      startedOn: letter.receivedOn,
      ...(i % 4 === 0
        ? { term: 'P14D', termReason: 'Wniosek pilny: termin skrócony przez kierownika' }
        : { statutoryTerm: 'kpa-1m' as const }),
    })
    opened++
    // Each case goes some way through the workflow: from just registered to closed.
    const steps = i % (walk.length + 2)
    if (steps === 0) continue
    if (!demoOfficer) continue
    await services.cases.step(SYSTEM_ACTOR, created.id, 'assign', { assigneeId: demoOfficer.id })
    const sender = SENDERS[i % SENDERS.length]!.name ?? 'Nieznany'
    // The case file: the application as scanned, and from the second step on the answer's draft.
    await addPdf(services, officer, created.id, {
      title: letter.subject[0],
      kind: 'application',
      form: 'digitised',
      creator: sender,
      paragraphs: [
        `Zwracam się z prośbą: ${letter.subject[0].toLowerCase()}.`,
        'Do wniosku dołączam kopie dokumentów potwierdzających moje uprawnienia.',
      ],
    })
    if (steps >= 3)
      await addPdf(services, officer, created.id, {
        title: `Projekt odpowiedzi: ${letter.subject[0]}`,
        kind: 'decision',
        form: 'born-digital',
        creator: demoOfficer.name,
        paragraphs: [
          `Urząd Miasta Lublin, w odpowiedzi na wniosek (${letter.subject[0].toLowerCase()}), informuje, że sprawa została rozpatrzona.`,
          'Od niniejszego rozstrzygnięcia przysługuje odwołanie w terminie 14 dni od dnia doręczenia.',
        ],
      })
    for (const step of walk.slice(0, steps - 1)) {
      if (step === 'dispatch' && steps === walk.length + 1) {
        const answer = await services.registry.registerOutgoing(officer, lublin, {
          recipient: { kind: 'person', name: sender },
          title: `Odpowiedź: ${letter.subject[0]}`,
          method: 'registered-post',
          reference: created.sign,
          unitId: created.unitId,
        })
        await services.registry.dispatch(officer, answer.id, {
          trackingNumber: `RR${String(100000000 + i)}PL`,
        })
        await services.cases.linkLetter(officer, created.id, answer.id)
      }
      await services.cases.step(SYSTEM_ACTOR, created.id, step, {})
    }
  }
  onProgress?.(`records: ${opened} cases`)
}
