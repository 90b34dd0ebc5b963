import { readdirSync } from 'node:fs'
import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { letterPdf } from '../../src/platform/pdf-table.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoSeals } from '../support/demo-seals.js'
import { pdfBomb, XML_BOMB } from '../support/hostile-files.js'
import { freshBlobDir, incomingBody, lublinRegistry, multipart, outgoingBody } from '../support/registry.js'
import { problemOf, testApp } from '../support/test-app.js'
import { issue, signXml } from '../support/test-ca.js'

interface Doc {
  id: string
  number: number
  form: string
  currentVersion: number
  version: number
  metadata: Record<string, unknown> & { format: string; type: { class: string; kind: string } }
  versions: {
    version: number
    name: string
    format: string
    reason: string | null
    text: string
    textNote: string | null
  }[]
}

const storedFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && !e.parentPath.endsWith('tmp'),
  ).length

const decisionPdf = () =>
  letterPdf({
    title: 'Decyzja nr 7/2026',
    paragraphs: [
      'Na podstawie art. 104 Kodeksu postępowania administracyjnego orzekam o zwrocie opłaty skarbowej.',
      'Uzasadnienie: wnioskodawczyni Zofia Łęcka wykazała nadpłatę za zaświadczenie.',
    ],
    lang: 'pl',
  })

describeEachDatabase('case documents', (dialect) => {
  const setUp = async (config: { uploadMaxBytes?: number; dataDir?: string } = {}) => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const blobDir = freshBlobDir()
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir, ...config } })
    const r = await lublinRegistry(app)
    const officer = r.officerOfOr
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: officer.headers,
      payload: {
        officeId: r.lublin,
        unitId: r.units.or,
        symbol: '0152',
        title: 'Zwrot opłaty skarbowej',
        assigneeId: officer.id,
      },
    })
    const c = opened.json<{ id: string; sign: string }>()
    const addDocument = (payload: Record<string, unknown>, headers = officer.headers) =>
      app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/documents`, headers, payload })
    const addVersion = (
      documentId: string,
      file: ReturnType<typeof multipart>,
      headers: Record<string, string> = officer.headers,
    ) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/documents/${documentId}/versions`,
        headers: { ...headers, ...file.headers },
        payload: file.payload,
      })
    const search = async (q: string, headers: Record<string, string>) =>
      (
        await app.inject({
          url: `/api/v1/search?type=document&q=${encodeURIComponent(q)}`,
          headers,
        })
      ).json<{ items: { id: string; caseId: string; reference: string }[] }>().items
    return { app, clock, blobDir, r, officer, c, addDocument, addVersion, search }
  }

  it('keeps a document with its minimum metadata, versions with who and why, and reads its PDF text for search', async () => {
    const { app, r, officer, c, addDocument, addVersion, search } = await setUp()
    const added = await addDocument({
      title: 'Decyzja o zwrocie opłaty',
      kind: 'decision',
      form: 'born-digital',
      recipient: 'Zofia Łęcka',
      relation: 'odpowiedź na RPW/1/2026',
    })
    expect(added.statusCode).toBe(201)
    const doc = added.json<Doc>()
    expect(doc).toMatchObject({ number: 1, currentVersion: 0, versions: [] })
    expect(doc.metadata).toMatchObject({
      identifier: `${c.sign}/1`,
      grouping: c.sign,
      category: 'A',
      access: 'internal',
      language: 'pl',
      creator: expect.any(String),
      format: 'paper',
      type: { kind: 'decision' },
      date: { created: '2026-12-01' },
    })

    const first = await addVersion(doc.id, multipart('decyzja.pdf', 'application/pdf', await decisionPdf()))
    expect(first.statusCode).toBe(201)
    expect(first.json<Doc>()).toMatchObject({
      currentVersion: 1,
      metadata: { format: 'application/pdf', type: { class: 'Text' } },
      versions: [{ version: 1, name: 'decyzja.pdf', text: 'pending' }],
    })
    // Nothing is found in the text before the job has read it; after it, words of the PDF are, with
    // or without Polish letters, by the unit's officer, and not by an officer of another unit.
    expect(await search('nadpłatę', officer.headers)).toEqual([])
    await app.jobs.runDue()
    const read = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${doc.id}`, headers: officer.headers })
    ).json<Doc>()
    expect(read.versions[0]).toMatchObject({ text: 'done', textNote: null })
    expect(await search('nadplate zaswiadczenie', officer.headers)).toEqual([
      expect.objectContaining({ id: doc.id, caseId: c.id, reference: `${c.sign}/1` }),
    ])
    expect(await search('nadpłatę', r.officerOfSo.headers)).toEqual([])
    // The same file in another document is not read again: its text comes from the first reading.
    const copy = (
      await addDocument({ title: 'Kopia decyzji', kind: 'decision', form: 'digitised' })
    ).json<Doc>()
    await addVersion(copy.id, multipart('kopia.pdf', 'application/pdf', await decisionPdf()))
    await app.jobs.runDue()
    const copied = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${copy.id}`, headers: officer.headers })
    ).json<Doc>()
    expect(copied.versions[0]).toMatchObject({ text: 'done' })
    expect((await search('nadplate', officer.headers)).map((h) => h.id).sort()).toEqual(
      [doc.id, copy.id].sort(),
    )

    const second = await addVersion(
      doc.id,
      multipart('decyzja-v2.pdf', 'application/pdf', await decisionPdf(), {
        reason: 'Poprawiona podstawa prawna',
      }),
    )
    expect(second.json<Doc>().versions.map((v) => [v.version, v.reason])).toEqual([
      [2, 'Poprawiona podstawa prawna'],
      [1, null],
    ])
    const preview = await app.inject({
      url: `/api/v1/cases/${c.id}/documents/${doc.id}/versions/1/content?disposition=inline`,
      headers: officer.headers,
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.headers['content-type']).toBe('application/pdf')
    expect(preview.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''decyzja\.pdf$/)
    expect(preview.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const download = await app.inject({
      url: `/api/v1/cases/${c.id}/documents/${doc.id}/versions/2/content`,
      headers: r.headOfOr.headers,
    })
    expect(download.headers['content-disposition']).toMatch(/^attachment;/)

    const history = (
      await app.inject({ url: `/api/v1/cases/${c.id}/history`, headers: officer.headers })
    ).json<{ items: { action: string; summary: Record<string, unknown> }[] }>().items
    expect(history.map((h) => h.action)).toEqual([
      'case.open',
      'case.document-add',
      'case.document-version',
      'case.document-add',
      'case.document-version',
      'case.document-version',
    ])
    expect(history.at(-1)!.summary).toMatchObject({ version: 2, reason: 'Poprawiona podstawa prawna' })
  })

  it('checks who signed a stored XML or PDF once it is stored, and shows it on the case page', async () => {
    const { app, r, c, addDocument, addVersion } = await setUp()
    const signer = await issue({ cn: 'Jan Kowalski', pesel: '44051401359' })
    const receipt = Buffer.from(
      await signXml('<wniosek><tresc>Proszę o zaświadczenie</tresc></wniosek>', signer),
    )
    const add = async (title: string, file: ReturnType<typeof multipart>) => {
      const doc = (await addDocument({ title, kind: 'application', form: 'born-digital' })).json<{
        id: string
      }>()
      expect((await addVersion(doc.id, file)).statusCode).toBe(201)
      return doc.id
    }
    const signed = await add('Wniosek podpisany', multipart('wniosek.xml', 'application/xml', receipt))
    const plain = await add('Notatka', multipart('notatka.pdf', 'application/pdf', await decisionPdf()))
    await app.jobs.runDue()
    const signaturesOf = async (id: string) =>
      (await app.inject({ url: `/api/v1/cases/${c.id}/documents/${id}`, headers: r.headOfOr.headers })).json<{
        versions: { signatures: unknown[] | null }[]
      }>().versions[0]!.signatures
    expect(await signaturesOf(signed)).toEqual([
      {
        format: 'XAdES',
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
        signer: 'C=PL, serialNumber=PNOPL-44051401359, CN=Jan Kowalski',
        identifiers: [{ kind: 'PESEL', value: '44051401359' }],
        signingTime: null,
      },
    ])
    expect(await signaturesOf(plain)).toEqual([])
    const head = await signedInSession(app, r.headOfOr.login, 'a-long-password-1')
    const page = await head.get(`/staff/cases/${c.id}?lang=en`)
    expect(page.body).toContain(
      'C=PL, serialNumber=PNOPL-44051401359, CN=Jan Kowalski (XAdES: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND)',
    )
  })

  it('keeps a paper-only document without a file, and makes it digitised when its scan comes', async () => {
    const { c, addDocument, addVersion } = await setUp()
    const paper = (
      await addDocument({
        title: 'Pełnomocnictwo',
        kind: 'attachment',
        form: 'paper',
        paperLocation: 'Segregator OR-2026/3',
        creator: 'Jan Kowalski',
        documentDate: '2026-11-28',
      })
    ).json<Doc>()
    expect(paper).toMatchObject({ form: 'paper', number: 1 })
    expect(paper.metadata).toMatchObject({
      format: 'paper',
      creator: 'Jan Kowalski',
      type: { class: 'PhysicalObject' },
      date: { created: '2026-11-28' },
    })
    const scanned = await addVersion(paper.id, multipart('skan.pdf', 'application/pdf', await decisionPdf()))
    expect(scanned.json<Doc>()).toMatchObject({ form: 'digitised', currentVersion: 1 })
    expect(
      (await addDocument({ title: 'Notatka', kind: 'note', form: 'born-digital' })).json<Doc>().number,
    ).toBe(2)
    expect(c.sign).toBe('OR.0152.1.2026')
  })

  it('a head seals a decision with the office seal: the sealed file is the next version, who sealed it is kept, and the seal is checked', async () => {
    const dataDir = freshBlobDir()
    const { app, r, officer, c, addDocument, addVersion } = await setUp({ dataDir })
    const doc = (
      await addDocument({ title: 'Decyzja o zwrocie opłaty', kind: 'decision', form: 'born-digital' })
    ).json<Doc>()
    expect(
      (await addVersion(doc.id, multipart('decyzja.pdf', 'application/pdf', await decisionPdf()))).statusCode,
    ).toBe(201)
    const seal = (headers: Record<string, string>, payload: object = {}) =>
      app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/documents/${doc.id}/seal`, headers, payload })
    // The office has no seal yet.
    const missing = await seal(r.headOfOr.headers)
    expect(missing.statusCode).toBe(409)
    expect(problemOf(missing).code).toBe('SEAL_MISSING')
    await demoSeals(app, { dataDir })
    // The assignee works on the case but does not seal for the office; nor does an admin.
    expect((await seal(officer.headers)).statusCode).toBe(403)
    const sealed = await seal(r.headOfOr.headers, { visible: false })
    expect(sealed.statusCode, sealed.body).toBe(201)
    expect(sealed.json<Doc>()).toMatchObject({ currentVersion: 2 })
    expect(sealed.json<Doc>().versions.find((v) => v.version === 2)).toMatchObject({
      version: 2,
      name: 'decyzja-sealed.pdf',
      format: 'application/pdf',
      reason: `sealed with the office seal on behalf of ${r.headOfOr.login}`,
    })
    await app.jobs.runDue()
    const versions = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${doc.id}`, headers: officer.headers })
    ).json<{
      versions: { version: number; signatures: { format: string; signer: string | null }[] | null }[]
    }>().versions
    expect(versions.find((v) => v.version === 1)!.signatures).toEqual([])
    expect(versions.find((v) => v.version === 2)!.signatures).toEqual([
      expect.objectContaining({ format: 'PAdES', signer: expect.stringContaining('(DEMO seal)') }),
    ])
    // Sealed once is enough: a signed PDF is not sealed again (it would break the seal).
    const again = await seal(r.headOfOr.headers)
    expect(again.statusCode).toBe(422)
    expect(problemOf(again).code).toBe('NOT_SEALABLE')
    const history = (
      await app.inject({ url: `/api/v1/cases/${c.id}/history`, headers: officer.headers })
    ).json<{
      items: { action: string }[]
    }>().items
    expect(history.map((h) => h.action)).toContain('case.document-seal')
    // On the case page: the head sees a seal form for an unsealed PDF, and seals it with a visible seal.
    const letterDoc = (
      await addDocument({ title: 'Pismo do strony', kind: 'letter', form: 'born-digital' })
    ).json<Doc>()
    await addVersion(letterDoc.id, multipart('pismo.pdf', 'application/pdf', await decisionPdf()))
    const head = await signedInSession(app, r.headOfOr.login, 'a-long-password-1')
    const page = await head.get(`/staff/cases/${c.id}?lang=en`)
    expect(page.body).toContain('Seal “Pismo do strony” with the office seal')
    expect(page.body).not.toContain('Seal “Decyzja o zwrocie opłaty” with the office seal')
    const officerPage = await (await signedInSession(app, officer.login, 'a-long-password-1')).get(
      `/staff/cases/${c.id}?lang=en`,
    )
    expect(officerPage.body).not.toContain('” with the office seal')
    const posted = await head.post(`/staff/cases/${c.id}/documents/${letterDoc.id}/seal`, {
      _csrf: csrfOf(page.body),
      version: String(letterDoc.version + 1),
      visible: 'on',
    })
    expect(posted.statusCode, posted.body).toBe(303)
    expect(posted.headers.location).toContain('done=sealed')
    expect((await head.get(posted.headers.location as string)).body).toContain('sealed with the office seal')
    const sealedLetter = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${letterDoc.id}`, headers: officer.headers })
    ).json<Doc>()
    expect(sealedLetter.versions.find((v) => v.version === 2)).toMatchObject({ name: 'pismo-sealed.pdf' })

    // A plain-text document cannot be sealed.
    const note = (await addDocument({ title: 'Notatka', kind: 'note', form: 'born-digital' })).json<Doc>()
    await addVersion(note.id, multipart('notatka.txt', 'text/plain', Buffer.from('notatka służbowa')))
    const text = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/documents/${note.id}/seal`,
      headers: r.headOfOr.headers,
      payload: {},
    })
    expect(problemOf(text).code).toBe('NOT_SEALABLE')
  })

  it('refuses what does not fit: bad metadata by field, another unit, a closed case, a stale version, a file too large or not what it says', async () => {
    const { app, blobDir, r, officer, c, addDocument, addVersion } = await setUp({
      uploadMaxBytes: 64 * 1024,
    })
    expect(
      problemOf(await addDocument({ title: 'X', kind: 'poem', form: 'born-digital' })).errors?.[0]?.path,
    ).toBe('body.kind')
    expect(
      problemOf(await addDocument({ title: 'X', kind: 'note', form: 'paper', documentDate: '2027-01-01' }))
        .errors?.[0]?.path,
    ).toBe('body.documentDate')
    expect(
      (await addDocument({ title: 'X', kind: 'note', form: 'paper' }, r.officerOfSo.headers)).statusCode,
    ).toBe(403)
    const doc = (await addDocument({ title: 'Notatka', kind: 'note', form: 'born-digital' })).json<Doc>()
    expect(
      (await app.inject({ url: `/api/v1/cases/${c.id}/documents/${doc.id}`, headers: r.officerOfSo.headers }))
        .statusCode,
    ).toBe(403)

    const before = storedFiles(blobDir)
    const big = Buffer.concat([await decisionPdf(), Buffer.alloc(70_000, 32)])
    expect(
      problemOf(await addVersion(doc.id, multipart('a.pdf', 'application/pdf', Buffer.from('hello')))).code,
    ).toBe('FILE_TYPE_MISMATCH')
    // Containers are not accepted by default (and nothing here ever unpacks one).
    const zip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100, 0)])
    expect(problemOf(await addVersion(doc.id, multipart('a.zip', 'application/zip', zip))).code).toBe(
      'FILE_TYPE_REFUSED',
    )
    const tooLarge = await addVersion(doc.id, multipart('big.pdf', 'application/pdf', big))
    expect(tooLarge.statusCode).toBe(413)
    expect(storedFiles(blobDir)).toBe(before)
    const unchanged = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${doc.id}`, headers: officer.headers })
    ).json<Doc>()
    expect(unchanged).toMatchObject({ currentVersion: 0, version: 1 })

    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}/documents/${doc.id}`,
      headers: { ...officer.headers, 'if-match': '"v9"' },
      payload: { title: 'Notatka służbowa' },
    })
    expect(stale.statusCode).toBe(412)
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}/documents/${doc.id}`,
      headers: { ...officer.headers, 'if-match': '"v1"' },
      payload: { title: 'Notatka służbowa', access: 'parties' },
    })
    expect(edited.json<Doc>()).toMatchObject({
      version: 2,
      metadata: { title: 'Notatka służbowa', access: 'parties' },
    })
    const history = (
      await app.inject({ url: `/api/v1/cases/${c.id}/history`, headers: officer.headers })
    ).json<{ items: { action: string; summary: Record<string, unknown> }[] }>().items
    expect(history.at(-1)).toMatchObject({
      action: 'case.document-edit',
      summary: {
        changes: {
          title: { from: 'Notatka', to: 'Notatka służbowa' },
          access: { from: 'internal', to: 'parties' },
        },
      },
    })

    for (const step of ['start', 'submit'])
      await app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/${step}`,
        headers: officer.headers,
        payload: {},
      })
    await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/approve`,
      headers: r.headOfOr.headers,
      payload: {},
    })
    for (const step of ['dispatch', 'close'])
      await app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/${step}`,
        headers: officer.headers,
        payload: {},
      })
    expect(problemOf(await addDocument({ title: 'Późna', kind: 'note', form: 'paper' })).code).toBe(
      'CASE_CLOSED',
    )
    expect(
      problemOf(await addVersion(doc.id, multipart('a.pdf', 'application/pdf', await decisionPdf()))).code,
    ).toBe('CASE_CLOSED')
  })

  it('links letters of both registers to the case and finds the case from the letter', async () => {
    const { app, r, officer, c } = await setUp()
    const incoming = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: r.bearers.chancellery,
        payload: incomingBody(new Date('2026-12-01T10:00:00Z')),
      })
    ).json<{ id: string }>()
    const outgoing = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/outgoing`,
        headers: r.bearers.chancellery,
        payload: outgoingBody({ reference: c.sign }),
      })
    ).json<{ id: string }>()
    const link = (entryId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/letters`,
        headers: officer.headers,
        payload: { entryId },
      })
    expect((await link(incoming.id)).json()).toMatchObject({ incomingIds: [incoming.id], outgoingIds: [] })
    expect((await link(outgoing.id)).json()).toMatchObject({
      incomingIds: [incoming.id],
      outgoingIds: [outgoing.id],
    })
    // Linking again changes nothing and records nothing more.
    expect((await link(outgoing.id)).json()).toMatchObject({ outgoingIds: [outgoing.id] })
    const history = (
      await app.inject({ url: `/api/v1/cases/${c.id}/history`, headers: officer.headers })
    ).json<{ items: { action: string }[] }>().items
    expect(history.filter((h) => h.action === 'case.letter-link')).toHaveLength(2)

    const casesOf = (entryId: string, headers: Record<string, string>) =>
      app
        .inject({ url: `/api/v1/cases?letterId=${entryId}`, headers })
        .then((res) => res.json<{ items: { id: string }[] }>().items)
    expect((await casesOf(outgoing.id, officer.headers)).map((x) => x.id)).toEqual([c.id])
    expect(await casesOf(outgoing.id, r.officerOfSo.headers)).toEqual([])

    expect(problemOf(await link(r.lublin)).errors?.[0]?.path).toBe('body.entryId')
    await app.inject({
      method: 'POST',
      url: `/api/v1/incoming/${incoming.id}/void`,
      headers: r.bearers.chancellery,
      payload: { reason: 'Zarejestrowano dwa razy' },
    })
    const another = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: r.bearers.chancellery,
        payload: incomingBody(new Date('2026-12-01T10:00:00Z')),
      })
    ).json<{ id: string }>()
    await app.inject({
      method: 'POST',
      url: `/api/v1/incoming/${another.id}/void`,
      headers: r.bearers.chancellery,
      payload: { reason: 'Pomyłka' },
    })
    expect(problemOf(await link(another.id)).errors?.[0]).toMatchObject({ path: 'body.entryId' })
  })

  it('reads a PDF bomb and a billion-laughs XML without harm: the reader gives up, the server answers', async () => {
    const { app, officer, c, addDocument, addVersion } = await setUp()
    const doc = (
      await addDocument({ title: 'Podejrzany skan', kind: 'attachment', form: 'digitised' })
    ).json<Doc>()
    const bomb = await pdfBomb()
    expect(bomb.length).toBeLessThan(2_000_000)
    expect((await addVersion(doc.id, multipart('bomba.pdf', 'application/pdf', bomb))).statusCode).toBe(201)
    const xml = await addVersion(doc.id, multipart('lol.xml', 'application/xml', XML_BOMB))
    expect(xml.statusCode).toBe(201)
    const rssBefore = process.memoryUsage().rss
    await app.jobs.runDue()
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024)
    const read = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${doc.id}`, headers: officer.headers })
    ).json<Doc>()
    // Version 1 was superseded before its turn came, so it is left unread; the XML is never parsed.
    expect(read.versions.map((v) => [v.version, v.text])).toEqual([
      [2, 'none'],
      [1, 'none'],
    ])
    const alone = (await addDocument({ title: 'Skan 2', kind: 'attachment', form: 'digitised' })).json<Doc>()
    await addVersion(alone.id, multipart('bomba.pdf', 'application/pdf', bomb))
    await app.jobs.runDue()
    const bombed = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${alone.id}`, headers: officer.headers })
    ).json<Doc>()
    expect(bombed.versions[0]).toMatchObject({
      text: 'refused',
      textNote: expect.stringMatching(/MB to read/),
    })
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200)
  })
})
