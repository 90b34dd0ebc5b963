import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { freePort } from '../../test/support/free-port.js'
import { issue, signXml } from '../../test/support/test-ca.js'
import { api, login, measure, measureBare, printTable, ROOT, type Row, serveRatusz } from '../support.js'

const t = (x: string) => ({ uk: x, pl: x, en: x })
const pem = (label: string, der: ArrayBuffer | Buffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der as ArrayBuffer).toString('base64')}\n-----END ${label}-----\n`

/** A loopback SMTP server keeping the text of each message (the resident's sign-in link). */
async function smtp() {
  const texts: string[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _s, done) {
      simpleParser(stream)
        .then((m) => {
          texts.push(m.text ?? '')
          done()
        })
        .catch(done)
    },
  })
  const port = await freePort()
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  return { url: `smtp://127.0.0.1:${port}`, texts, close: () => server.close() }
}

/** Cookies a response sets, as a Cookie header to send back. */
const cookiesOf = (res: Response, jar: Map<string, string>) => {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const [name, value] = (pair ?? '').split('=')
    if (name && value !== undefined) jar.set(name, value)
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

/**
 * eservices: signed applications with sealed receipts over HTTP, as a resident's browser sends them
 * (session cookie and CSRF token), for a card that needs the applicant's XAdES signature and opens a
 * case: each one validated (in the validation workers), registered with its case, application and
 * receipts in one transaction, and its official receipt sealed (XAdES, RSA 2048) before the answer.
 * Beside it: the same durable work hand-written on the drivers (bench/bare-application.mjs).
 */
export async function run(options: { rounds: number; seconds: number; connections: number }): Promise<Row[]> {
  const connections = options.connections
  const common = { seconds: options.seconds, connections }
  const baseline = await measureBare(common, options.rounds)

  const signer = await issue({ cn: 'Anna Kowalska', pesel: '44051401359' })
  const seal = await issue({ cn: 'Bench office seal' })
  const keys = mkdtempSync(join(tmpdir(), 'ratusz-bench-keys-'))
  const file = (name: string, text: string) => {
    writeFileSync(join(keys, name), text)
    return join(keys, name)
  }
  const answers = { subject: 'Umowy zawarte przez urząd w 2026 r.', how: 'email', truth: 'true' }

  // The reference on the bare stack.
  const port = await freePort()
  const bare = spawn(process.execPath, [join(ROOT, 'bench', 'bare-application.mjs')], {
    env: {
      ...process.env,
      PORT: String(port),
      BENCH_SIGNER_CERT: file('signer.pem', pem('CERTIFICATE', signer.der)),
      BENCH_SEAL_KEY: file(
        'seal.key',
        pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', seal.keys.privateKey)),
      ),
      BENCH_SEAL_CERT: file('seal.pem', pem('CERTIFICATE', seal.der)),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise((r) => bare.stdout?.once('data', r))
  const rendering = `<?xml version="1.0" encoding="UTF-8"?>\n<Application>${Object.entries(answers)
    .map(([k, v]) => `<Answer question="${k}">${v}</Answer>`)
    .join('')}</Application>`
  const reference: Row = {
    name: 'bare application (drivers alone)',
    result: await measure(
      {
        url: `http://127.0.0.1:${port}/apply`,
        post: { answers, signedDocument: Buffer.from(await signXml(rendering, signer)).toString('base64') },
        ...common,
      },
      options.rounds,
    ),
    memoryMiB: 0,
  }
  bare.kill('SIGTERM')

  // Ratusz: the demo network (demo seals, their CA trusted), mail to a loopback SMTP server.
  const mail = await smtp()
  // BENCH_PROFILE=<dir>: the server writes CPU profiles there (main thread and validation workers).
  const ratusz = await serveRatusz(
    { RATUSZ_SMTP_URL: mail.url, LOG_LEVEL: 'info' },
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  )
  const admin = await login(ratusz.url, 'demo-admin')
  const editor = await login(ratusz.url, 'demo-editor')
  const lublin = (
    (await api(ratusz.url, 'GET', '/api/v1/offices', admin)).items as { id: string; code: string }[]
  ).find((o) => o.code === 'LUB-BOM')!.id
  const card = await api(ratusz.url, 'POST', '/api/v1/services', editor, {
    code: 'BENCH-SIGNED',
    name: t('Signed request'),
    description: t('A request that needs the applicant’s signature.'),
    processingTime: 'P14D',
    offices: [{ officeId: lublin }],
    eService: {
      signature: 'required',
      withoutAccount: true,
      case: { unit: 'OR', symbol: '016' },
      form: {
        format: 1,
        steps: [
          {
            id: 'request',
            title: t('Request'),
            questions: [
              { id: 'subject', type: 'long-text', label: t('What do you ask for?') },
              {
                id: 'how',
                type: 'choice',
                label: t('How?'),
                choices: [{ value: 'email', label: t('E-mail') }],
              },
              { id: 'truth', type: 'declaration', label: t('True') },
            ],
          },
        ],
      },
    },
  })
  await api(ratusz.url, 'POST', `/api/v1/services/${card.id}/publish`, editor)
  const anchor = new FormData()
  anchor.set('file', new Blob([new Uint8Array(signer.der)]), 'signer.cer')
  const trusted = await fetch(`${ratusz.url}/api/v1/trust/anchors`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: anchor,
  })
  if (trusted.status !== 201) throw new Error(`trust: ${trusted.status} ${await trusted.text()}`)

  // The resident signs in by the link mailed to them.
  await api(ratusz.url, 'POST', '/api/v1/residents/sign-in-links', undefined, { email: 'anna@example.org' })
  const until = Date.now() + 30_000
  while (!mail.texts.some((m) => m.includes('/my/sign-in?token=')) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100))
  const token = /\/my\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(mail.texts.join('\n'))?.[1]
  if (!token) throw new Error('no sign-in link arrived')
  const jar = new Map<string, string>()
  let cookie = cookiesOf(await fetch(`${ratusz.url}/my/sign-in?token=${token}`, { redirect: 'manual' }), jar)
  const me = await fetch(`${ratusz.url}/api/v1/residents/me`, { headers: { cookie } })
  cookie = cookiesOf(me, jar)
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken
  const headers = { cookie, 'x-csrf-token': csrf }
  const body = { service: 'BENCH-SIGNED', officeId: lublin, language: 'pl', name: 'Anna Kowalska', answers }
  const doc = await fetch(`${ratusz.url}/api/v1/applications/document`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (doc.status !== 200) throw new Error(`document: ${doc.status} ${await doc.text()}`)
  const signedDocument = Buffer.from(await signXml(await doc.text(), signer)).toString('base64')

  const rows: Row[] = [
    reference,
    {
      name: 'POST /api/v1/applications (signed)',
      result: await measure(
        { url: `${ratusz.url}/api/v1/applications`, post: { ...body, signedDocument }, headers, ...common },
        options.rounds,
      ),
      memoryMiB: ratusz.peakMemoryMiB(),
    },
  ]
  await ratusz.stop()
  mail.close()
  printTable(`e-service applications, signed, sealed receipts (${connections} connections)`, baseline, rows)
  const ratio = rows[1]!.result.requestsPerSecond / reference.result.requestsPerSecond
  process.stdout.write(`Ratusz / hand-written reference: ${ratio.toFixed(2)}\n`)
  return [baseline, ...rows]
}
