// The hand-written reference for an e-service application with a signature and a sealed receipt: the
// same durable work as Ratusz's `POST /api/v1/applications` for a card that needs a signature, with
// the drivers alone beside a minimal Fastify route (no schemas, no sessions, no logging):
// the resident's enveloped XML signature checked (xml-crypto) against their certificate and the signed
// document compared with the answers' rendering; in one SQLite transaction (WAL) the next incoming
// number and the letter with its version, search text and a hash-chained audit row, the next case
// number and the case with its audit row, the application, its two receipts and two outbox jobs; then
// the receipt sealed (an enveloped RSA-SHA256 XML signature), stored as a file, and recorded.
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import Fastify from 'fastify'
import { SignedXml } from 'xml-crypto'

const signerCert = readFileSync(process.env.BENCH_SIGNER_CERT, 'utf8')
const sealKey = readFileSync(process.env.BENCH_SEAL_KEY, 'utf8')
const sealCert = readFileSync(process.env.BENCH_SEAL_CERT, 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'ratusz-bare-app-'))
mkdirSync(join(dir, 'blobs'))
const db = new Database(join(dir, 'bare.sqlite'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec(`
  create table counters (scope text, period text, last_value integer, primary key (scope, period));
  create table entries (id text primary key, year integer, seq integer, number text, title text, party text,
    channel text, received_at text, version integer, registered_at text, unique (year, seq));
  create table versions (entry_id text, version integer, state text, primary key (entry_id, version));
  create table entry_files (entry_id text, sha256 text, name text);
  create table docs (id integer primary key, scope text, doc_id text, text text, unique (scope, doc_id));
  create virtual table docs_fts using fts5(text, content='docs', content_rowid='id', tokenize='trigram');
  create trigger docs_ai after insert on docs begin insert into docs_fts(rowid, text) values (new.id, new.text); end;
  create table cases (id text primary key, sign text unique, title text, parties text, status text, due_on text);
  create table case_letters (case_id text, entry_id text);
  create table applications (id text primary key, number text, case_id text, answers text, tracking_hash text unique);
  create table receipts (id text primary key, application_id text, kind text, contents text, sealed_sha256 text);
  create table jobs (id text primary key, kind text, payload text, run_at text);
  create table audit (seq integer primary key, hash text, entry text);
`)
const take = db.prepare(`insert into counters values (?, ?, 1)
  on conflict (scope, period) do update set last_value = last_value + 1 returning last_value`)
const insertEntry = db.prepare('insert into entries values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)')
const insertVersion = db.prepare('insert into versions values (?, 1, ?)')
const insertFile = db.prepare('insert into entry_files values (?, ?, ?)')
const insertDoc = db.prepare('insert into docs (scope, doc_id, text) values (?, ?, ?)')
const insertCase = db.prepare('insert into cases values (?, ?, ?, ?, ?, ?)')
const linkCase = db.prepare('insert into case_letters values (?, ?)')
const insertApplication = db.prepare('insert into applications values (?, ?, ?, ?, ?)')
const insertReceipt = db.prepare('insert into receipts values (?, ?, ?, ?, null)')
const insertJob = db.prepare('insert into jobs values (?, ?, ?, ?)')
const sealed = db.prepare('update receipts set sealed_sha256 = ? where id = ?')
const lastAudit = db.prepare('select hash from audit order by seq desc limit 1')
const insertAudit = db.prepare('insert into audit (hash, entry) values (?, ?)')
const audit = (entry) => {
  const text = JSON.stringify(entry)
  insertAudit.run(
    createHash('sha256')
      .update((lastAudit.get()?.hash ?? '') + text)
      .digest('hex'),
    text,
  )
}
const xml = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;')
const rendering = (answers) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Application>${Object.entries(answers)
    .map(([k, v]) => `<Answer question="${k}">${xml(v)}</Answer>`)
    .join('')}</Application>`
const sha256 = (b) => createHash('sha256').update(b).digest('hex')

const record = db.transaction((answers, documentSha) => {
  const at = new Date().toISOString()
  const year = at.slice(0, 4)
  const seq = take.get('incoming', year).last_value
  const entryId = randomUUID()
  const number = `RPW/${seq}/${year}`
  insertEntry.run(entryId, Number(year), seq, number, 'Application', '{"name":"Anna"}', 'eservice', at, at)
  insertVersion.run(entryId, JSON.stringify({ number, at }))
  insertFile.run(entryId, documentSha, 'application.xml')
  insertDoc.run('incoming', entryId, `${number} application anna`)
  audit({ action: 'incoming.register', subjectId: entryId, at })
  const caseSeq = take.get('case', year).last_value
  const caseId = randomUUID()
  const sign = `OR.016.${caseSeq}.${year}`
  insertCase.run(caseId, sign, 'Application', '[{"name":"Anna"}]', 'registered', '2026-12-31')
  linkCase.run(caseId, entryId)
  insertDoc.run('case', caseId, `${sign} application anna`)
  audit({ action: 'case.open', subjectId: caseId, at })
  const applicationId = randomUUID()
  insertApplication.run(applicationId, number, caseId, JSON.stringify(answers), sha256(randomUUID()))
  const receiptId = randomUUID()
  const contents = {
    id: receiptId,
    number,
    enteredAt: at,
    files: [{ name: 'application.xml', sha256: documentSha }],
  }
  insertReceipt.run(randomUUID(), applicationId, 'submission', JSON.stringify(contents))
  insertReceipt.run(receiptId, applicationId, 'receipt', JSON.stringify(contents))
  insertJob.run(randomUUID(), 'seal', JSON.stringify({ receiptId }), at)
  insertJob.run(randomUUID(), 'mail', JSON.stringify({ to: 'anna@example.org' }), at)
  return { applicationId, number, sign, receiptId, contents }
})

const app = Fastify({ logger: false, bodyLimit: 15 * 1024 * 1024 })
app.post('/apply', async (req, reply) => {
  const { answers, signedDocument } = req.body
  const signed = Buffer.from(signedDocument, 'base64').toString('utf8')
  const check = new SignedXml({ publicCert: signerCert })
  const signature = /<(ds:)?Signature[\s\S]*<\/(ds:)?Signature>/.exec(signed)?.[0]
  if (!signature) return reply.code(422).send({ code: 'SIGNATURE_INVALID' })
  check.loadSignature(signature)
  if (!check.checkSignature(signed)) return reply.code(422).send({ code: 'SIGNATURE_INVALID' })
  if (signed.replace(signature, '') !== rendering(answers))
    return reply.code(422).send({ code: 'SIGNATURE_INVALID' })
  const made = record(answers, sha256(signed))
  const receipt = `<?xml version="1.0" encoding="UTF-8"?><Receipt Id="${made.receiptId}"><RegistrationNumber>${made.number}</RegistrationNumber><EnteredAt>${made.contents.enteredAt}</EnteredAt><File sha256="${made.contents.files[0].sha256}"/></Receipt>`
  const seal = new SignedXml({
    privateKey: sealKey,
    publicCert: sealCert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  })
  seal.addReference({
    xpath: '/*',
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    isEmptyUri: true,
  })
  seal.computeSignature(receipt)
  const sealedXml = seal.getSignedXml()
  const sealedSha = sha256(sealedXml)
  writeFileSync(join(dir, 'blobs', sealedSha), sealedXml)
  db.transaction(() => {
    sealed.run(sealedSha, made.receiptId)
    audit({ action: 'seal.apply', subjectId: made.receiptId, out: sealedSha })
  })()
  return reply.code(201).send({
    id: made.applicationId,
    number: made.number,
    caseSign: made.sign,
    receipt: { id: made.receiptId, sealed: true },
  })
})
app.get('/', async () => 'ok')
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('ready\n')
