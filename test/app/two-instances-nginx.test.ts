import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it, onTestFinished } from 'vitest'
import { DIALECTS, freshDatabaseEnv } from '../support/databases.js'
import { freePort } from '../support/free-port.js'
import { ROOT, startServer } from '../support/process.js'

/** nginx from Debian's package (`.ci/run` installs it); npm test leaves this file out without it. */
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

/**
 * deploy/nginx-ratusz.conf as shipped, pointed at the two instances and a loopback port, inside a
 * main configuration of its own (its files in a temporary folder).
 */
async function startNginx(instances: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ratusz-nginx-'))
  chmodSync(dir, 0o777)
  const port = await freePort()
  const ports = instances.map((url) => new URL(url).port)
  let site = readFileSync(join(ROOT, 'deploy', 'nginx-ratusz.conf'), 'utf8')
  site = site.replace('server 127.0.0.1:3001', `server 127.0.0.1:${ports[0]}`)
  site = site.replace('server 127.0.0.1:3002', `server 127.0.0.1:${ports[1]}`)
  site = site.replace('listen 80;', `listen 127.0.0.1:${port};`).replace('listen [::]:80;', '')
  expect(site).toContain(`127.0.0.1:${ports[1]}`)
  const conf = join(dir, 'nginx.conf')
  writeFileSync(
    conf,
    `pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_processes 1;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`,
  )
  const nginx: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' })
  onTestFinished(() => {
    nginx.kill('SIGQUIT')
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return url
    } catch {}
    if (i > 200 || nginx.exitCode !== null)
      throw new Error(`nginx did not start: ${readFileSync(`${dir}/error.log`, 'utf8')}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** A board's live stream; `called` resolves with the numbers it announces, once `count` have come. */
function board(url: string) {
  const called: string[] = []
  const waiters: (() => void)[] = []
  let opened: () => void
  const ready = new Promise<void>((r) => {
    opened = r
  })
  const req = request(url, (res) => {
    let buffer = ''
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      buffer += chunk
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (/^event: board$/m.test(block)) opened()
        if (/^event: called$/m.test(block)) {
          called.push((JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { number: string }).number)
          for (const w of waiters.splice(0)) w()
        }
      }
    })
  })
  req.end()
  onTestFinished(() => {
    req.destroy()
  })
  return {
    ready,
    close: () => req.destroy(),
    async waitFor(number: string) {
      const until = Date.now() + 10_000
      while (!called.includes(number)) {
        if (Date.now() > until) throw new Error(`${url} never announced ${number} (got ${called.join(', ')})`)
        await new Promise<void>((r) => {
          waiters.push(r)
          setTimeout(r, 200)
        })
      }
    },
  }
}

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : null }
}

// Several instances need one shared database: PostgreSQL.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`runs as two instances behind nginx: issued on one, called on the other, shown on a board held by the first [${dialect}]`, async () => {
    const env = { ...(await freshDatabaseEnv(dialect)), RATUSZ_TRUST_PROXY: '1' }
    // The first seeds the demo network; the second finds it there (and the same file store).
    const a = await startServer(env)
    const b = await startServer(env)
    const proxy = await startNginx([a.url, b.url])

    const login = async (base: string, user: string) =>
      (await call(base, 'POST', '/api/v1/auth/login', undefined, { login: user, password: `${user}-pass` }))
        .json.token as string
    // Signed in through nginx: the token works on either instance (sessions are in the database).
    const kiosk = await login(proxy, 'demo-kiosk-lviv')
    const consultant = await login(proxy, 'demo-consultant')
    const manager = await login(a.url, 'demo-manager')
    const offices = (await call(proxy, 'GET', '/api/v1/offices', manager)).json.items as {
      id: string
      code: string
    }[]
    const lviv = offices.find((o) => o.code === 'LVIV-CNAP')!.id
    const queues = (await call(b.url, 'GET', `/api/v1/offices/${lviv}/queues`)).json.items as {
      id: string
      prefix: string
    }[]
    const queueId = queues.find((q) => q.prefix === 'A')!.id
    const desk = await call(b.url, 'POST', `/api/v1/offices/${lviv}/desks`, manager, {
      name: 'Nginx desk',
      queueIds: [queueId],
    })
    expect(desk.status).toBe(201)
    expect((await call(b.url, 'POST', `/api/v1/desks/${desk.json.id}/open`, consultant)).status).toBe(200)

    // Boards held by the first instance, and through nginx (its live stream unbuffered).
    const onA = board(`${a.url}/api/v1/offices/${lviv}/board/events`)
    const onProxy = board(`${proxy}/api/v1/offices/${lviv}/board/events`)
    await Promise.all([onA.ready, onProxy.ready])

    const ticket = await call(a.url, 'POST', `/api/v1/offices/${lviv}/tickets`, kiosk, { queueId })
    expect(ticket.status).toBe(201)
    const called = await call(b.url, 'POST', `/api/v1/desks/${desk.json.id}/call-next`, consultant)
    expect(called.status).toBe(200)
    expect(called.json).toMatchObject({ id: ticket.json.id, number: ticket.json.number })
    await onA.waitFor(ticket.json.number)
    await onProxy.waitFor(ticket.json.number)

    // nginx spreads requests over both instances (least connections: with the proxied board closed,
    // neither holds one more); each logs the ones it served.
    onProxy.close()
    await new Promise((r) => setTimeout(r, 100))
    for (let i = 0; i < 10; i++)
      expect((await call(proxy, 'GET', `/api/v1/offices/${lviv}/queues?n=${i}`)).status).toBe(200)
    const served = (out: string) => out.split('\n').filter((line) => line.includes('/queues?n=')).length
    // Each instance writes its request log a moment later (buffered): wait until all ten are there.
    for (let i = 0; i < 100 && served(a.output()) + served(b.output()) < 10; i++)
      await new Promise((r) => setTimeout(r, 50))
    expect(served(a.output())).toBeGreaterThan(0)
    expect(served(b.output())).toBeGreaterThan(0)
    expect(served(a.output()) + served(b.output())).toBe(10)
  })
}

// Outside `npm test` (which always starts PostgreSQL) this cannot run: fail, saying why.
if (!DIALECTS.includes('postgres'))
  it('two instances behind nginx', () => {
    throw new Error('needs PostgreSQL: set TEST_DATABASE_URL, or run `npm test`, which starts one')
  })
