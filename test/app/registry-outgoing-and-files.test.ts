import { readdirSync } from 'node:fs'
import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, incomingBody, lublinRegistry, multipart, outgoingBody } from '../support/registry.js'
import { problemOf, testApp } from '../support/test-app.js'
import { issue, signCms, signXml } from '../support/test-ca.js'

interface Entry {
  id: string
  number: string
  status: string
  version: number
  trackingNumber: string | null
  dispatchedAt: string | null
  deliveredOn: string | null
  deliveryFileId: string | null
  files: { id: string; name: string; type: string; size: number; sha256: string }[]
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

/** The files kept in a blob folder (its temporary area aside). */
const storedFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && !e.parentPath.endsWith('tmp'),
  ).length

describeEachDatabase('outgoing register, files and the printed register', (dialect) => {
  const setUp = async (config: Record<string, unknown> = {}) => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const blobDir = freshBlobDir()
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir, ...config } })
    const r = await lublinRegistry(app)
    const post = (url: string, payload: Record<string, unknown>, headers = r.bearers.chancellery) =>
      app.inject({ method: 'POST', url, headers, payload })
    const upload = (url: string, file: ReturnType<typeof multipart>, headers = r.bearers.chancellery) =>
      app.inject({ method: 'POST', url, headers: { ...headers, ...file.headers }, payload: file.payload })
    return { app, clock, r, post, upload, blobDir }
  }

  it('sends a letter: registered, dispatched by registered post, delivered with the scanned return receipt', async () => {
    const { app, clock, r, post, upload } = await setUp()
    const written = await post(
      `/api/v1/offices/${r.lublin}/outgoing`,
      outgoingBody({ unitId: r.units.or }),
      r.officerOfOr.headers,
    )
    expect(written.statusCode).toBe(201)
    const letter = written.json<Entry>()
    expect(letter).toMatchObject({ number: '1/2026', status: 'registered' })
    // An officer of one unit writes for that unit only.
    const forOther = await post(
      `/api/v1/offices/${r.lublin}/outgoing`,
      outgoingBody({ unitId: r.units.so }),
      r.officerOfOr.headers,
    )
    expect(forOther.statusCode).toBe(403)
    // Delivery before dispatch does not fit.
    const early = await post(`/api/v1/outgoing/${letter.id}/delivered`, { deliveredOn: '2026-12-03' })
    expect(problemOf(early).code).toBe('ENTRY_STATE')
    // Only the chancellery dispatches.
    expect((await post(`/api/v1/outgoing/${letter.id}/dispatch`, {}, r.officerOfOr.headers)).statusCode).toBe(
      403,
    )
    clock.advance(3600_000)
    const sent = await post(`/api/v1/outgoing/${letter.id}/dispatch`, { trackingNumber: 'RR123456789PL' })
    expect(sent.json<Entry>()).toMatchObject({
      status: 'dispatched',
      trackingNumber: 'RR123456789PL',
      dispatchedAt: '2026-12-01T11:00:00.000Z',
    })
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/outgoing/${letter.id}`,
          headers: r.bearers.chancellery,
          payload: { title: 'x' },
        })
      ).statusCode,
    ).toBe(409)
    const receipt = (
      await upload(`/api/v1/outgoing/${letter.id}/files`, multipart('zpo.pdf', 'application/pdf', PDF))
    ).json<Entry>()
    const fileId = receipt.files[0]!.id
    const before = await post(`/api/v1/outgoing/${letter.id}/delivered`, {
      deliveredOn: '2026-11-30',
      fileId,
    })
    expect(problemOf(before).errors?.[0]?.path).toBe('body.deliveredOn')
    const notOurs = await post(`/api/v1/outgoing/${letter.id}/delivered`, {
      deliveredOn: '2026-12-04',
      fileId: letter.id,
    })
    expect(problemOf(notOurs).errors?.[0]?.path).toBe('body.fileId')
    const delivered = await post(`/api/v1/outgoing/${letter.id}/delivered`, {
      deliveredOn: '2026-12-04',
      fileId,
    })
    expect(delivered.json<Entry>()).toMatchObject({
      status: 'delivered',
      deliveredOn: '2026-12-04',
      deliveryFileId: fileId,
    })
    const versions = await app.inject({
      url: `/api/v1/outgoing/${letter.id}/versions`,
      headers: r.bearers.chancellery,
    })
    expect(versions.json<{ items: { action: string }[] }>().items.map((v) => v.action)).toEqual([
      'register',
      'dispatch',
      'file',
      'deliver',
    ])
  })

  it('keeps a scan byte for byte, and gives it only to those who may read the letter', async () => {
    const { app, r, post, upload } = await setUp()
    const entry = (
      await post(
        `/api/v1/offices/${r.lublin}/incoming`,
        incomingBody(new Date('2026-12-01T10:00:00Z'), { assignee: { unitId: r.units.or } }),
      )
    ).json<Entry>()
    const added = await upload(
      `/api/v1/incoming/${entry.id}/files`,
      multipart('skan „pisma”.pdf', 'application/pdf', PDF),
    )
    expect(added.statusCode).toBe(201)
    const file = added.json<Entry>().files[0]!
    expect(file).toMatchObject({ name: 'skan „pisma”.pdf', type: 'pdf', size: PDF.length })
    const url = `/api/v1/incoming/${entry.id}/files/${file.id}`
    const download = await app.inject({ url, headers: r.officerOfOr.headers })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.rawPayload.equals(PDF)).toBe(true)
    expect(download.headers['content-disposition']).toContain(
      "filename*=UTF-8''skan%20%E2%80%9Episma%E2%80%9D.pdf",
    )
    expect((await app.inject({ url, headers: r.officerOfSo.headers })).statusCode).toBe(403)
    // Only the chancellery adds files to incoming letters.
    expect(
      (
        await upload(
          `/api/v1/incoming/${entry.id}/files`,
          multipart('a.pdf', 'application/pdf', PDF),
          r.officerOfOr.headers,
        )
      ).statusCode,
    ).toBe(403)
  })

  it('checks who signed a letter’s file once it is stored, keeps it with the file and shows it on the entry’s page', async () => {
    const { app, r, post, upload } = await setUp({ uploadTypes: ['pdf', 'png', 'xml', 'der'] })
    const entry = (
      await post(`/api/v1/offices/${r.lublin}/incoming`, incomingBody(new Date('2026-12-01T10:00:00Z')))
    ).json<Entry>()
    const signer = await issue({ cn: 'Maria Wiśniewska', pesel: '44051401359' })
    const signed = Buffer.from(
      await signXml('<wniosek><tresc>Wniosek o zaświadczenie</tresc></wniosek>', signer),
    )
    const p7s = await signCms(Buffer.from('Załącznik'), signer)
    for (const file of [
      multipart('wniosek.xml', 'application/xml', signed),
      multipart('skan.pdf', 'application/pdf', PDF),
      multipart('zdjecie.png', 'image/png', PNG),
      multipart('zalacznik.p7s', 'application/pkcs7-signature', p7s),
    ])
      expect((await upload(`/api/v1/incoming/${entry.id}/files`, file)).statusCode).toBe(201)
    const before = (
      await app.inject({ url: `/api/v1/incoming/${entry.id}`, headers: r.bearers.chancellery })
    ).json<{
      files: { name: string; signatures: unknown }[]
    }>()
    expect(before.files.map((f) => f.signatures)).toEqual([null, null, null, null])
    await app.jobs.runDue()
    const after = (
      await app.inject({ url: `/api/v1/incoming/${entry.id}`, headers: r.bearers.chancellery })
    ).json<{
      files: { name: string; signatures: unknown }[]
    }>()
    const byName = Object.fromEntries(after.files.map((f) => [f.name, f.signatures]))
    expect(byName['wniosek.xml']).toEqual([
      {
        format: 'XAdES',
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
        signer: 'C=PL, serialNumber=PNOPL-44051401359, CN=Maria Wiśniewska',
        identifiers: [{ kind: 'PESEL', value: '44051401359' }],
        signingTime: null,
      },
    ])
    // A PDF without a signature: checked, none. An image: it cannot carry one, so it is not checked.
    expect(byName['skan.pdf']).toEqual([])
    expect(byName['zdjecie.png']).toBeNull()
    expect(byName['zalacznik.p7s']).toEqual([
      expect.objectContaining({ format: 'CAdES', signer: expect.stringContaining('Maria') }),
    ])
    const session = await signedInSession(app, 'demo-chancellery', 'demo-chancellery-pass')
    const page = await session.get(`/staff/registry/incoming/${entry.id}?lang=en`)
    expect(page.body).toContain('CN=Maria Wiśniewska (XAdES: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND)')
  })

  it('refuses a file too large, of a refused type, or not what it says it is, before keeping any of it', async () => {
    const { r, post, upload, blobDir } = await setUp({ uploadMaxBytes: 4096 })
    const entry = (
      await post(`/api/v1/offices/${r.lublin}/incoming`, incomingBody(new Date('2026-12-01T10:00:00Z')))
    ).json<Entry>()
    const url = `/api/v1/incoming/${entry.id}/files`
    const big = await upload(
      url,
      multipart('big.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(10_000, 32)])),
    )
    expect(big.statusCode).toBe(413)
    expect(problemOf(big).code).toBe('FILE_TOO_LARGE')
    const lying = await upload(url, multipart('scan.pdf', 'application/pdf', PNG))
    expect(lying.statusCode).toBe(415)
    expect(problemOf(lying).code).toBe('FILE_TYPE_MISMATCH')
    const zip = await upload(
      url,
      multipart('a.zip', 'application/octet-stream', Buffer.from('504b0304140000000000', 'hex')),
    )
    expect(zip.statusCode).toBe(415)
    expect(problemOf(zip).code).toBe('FILE_TYPE_REFUSED')
    const none = await post(url, { file: 'not a form' })
    expect(none.statusCode).toBe(415)
    const cut = await upload(url, {
      ...multipart('a.pdf', 'application/pdf', PDF),
      payload: Buffer.from(
        '------ratusz-test-boundary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut',
      ),
    })
    expect(cut.statusCode).toBeGreaterThanOrEqual(400)
    expect(cut.statusCode).toBeLessThan(500)
    expect(storedFiles(blobDir)).toBe(0)
    const voided = await post(`/api/v1/incoming/${entry.id}/void`, { reason: 'Mistake' })
    expect(voided.statusCode).toBe(200)
    const late = await upload(url, multipart('a.pdf', 'application/pdf', PDF))
    expect(problemOf(late).code).toBe('ENTRY_STATE')
    expect(storedFiles(blobDir)).toBe(0)
  })

  it("prints a day's register as CSV and PDF, voided entries included, for the chancellery only", async () => {
    const { app, r, post } = await setUp()
    const at = new Date('2026-12-01T10:00:00Z')
    await post(`/api/v1/offices/${r.lublin}/incoming`, incomingBody(at))
    const second = (
      await post(
        `/api/v1/offices/${r.lublin}/incoming`,
        incomingBody(at, { sender: { kind: 'person', name: 'Олена Коваль' }, title: 'Заява' }),
      )
    ).json<Entry>()
    await post(`/api/v1/incoming/${second.id}/void`, { reason: 'Duplikat' })
    const url = `/api/v1/offices/${r.lublin}/incoming/register?period=2026-12-01`
    const csv = await app.inject({ url: `${url}&format=csv&lang=pl`, headers: r.bearers.chancellery })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(lines[0]).toContain('Nr,Data wpływu')
    expect(lines[1]).toContain('RPW/1/2026')
    expect(lines[1]).toContain('Zofia Łęcka')
    expect(csv.body).toContain('Олена Коваль')
    expect(csv.body).toContain('ANULOWANO: Duplikat')
    expect(csv.body).toContain('(brak danych)')
    const pdf = await app.inject({ url, headers: r.bearers.chancellery })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.rawPayload.toString('latin1')).toContain('DejaVuSans')
    const otherDay = await app.inject({
      url: `/api/v1/offices/${r.lublin}/incoming/register?period=2026-11&format=csv`,
      headers: r.bearers.chancellery,
    })
    expect(otherDay.body.trim().split('\n')).toHaveLength(1)
    expect((await app.inject({ url, headers: r.officerOfOr.headers })).statusCode).toBe(403)
    const badPeriod = await app.inject({
      url: `/api/v1/offices/${r.lublin}/incoming/register?period=2026-13`,
      headers: r.bearers.chancellery,
    })
    expect(badPeriod.statusCode).toBe(422)
    const noSuchDay = await app.inject({
      url: `/api/v1/offices/${r.lublin}/incoming/register?period=2026-02-30`,
      headers: r.bearers.chancellery,
    })
    expect(problemOf(noSuchDay).errors?.[0]?.path).toBe('query.period')
  })
})
