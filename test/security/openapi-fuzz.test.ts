import { Readable } from 'node:stream'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/modules/identity/index.js'
import { FixedClock } from '../../src/platform/clock.js'
import { ERROR_CODES, type ErrorCode, errorSlug } from '../../src/platform/error-codes.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoSeals } from '../support/demo-seals.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { answerChecker } from '../support/openapi-answers.js'
import { type FuzzRequest, fuzzRequests, LEAK, type OpenApiDoc } from '../support/openapi-fuzz.js'
import { lvivFrontOffice } from '../support/queue.js'
import { freshBlobDir } from '../support/registry.js'
import { registryMatrixContext } from '../support/registry-matrix.js'
import { testApp } from '../support/test-app.js'

/**
 * Every operation of the OpenAPI document, attacked (issue 10). `npm test` sends FUZZ_PER_OPERATION
 * (default 60) requests per operation and database; `npm run fuzz` many more. FUZZ_SEED replays a run.
 */
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 60)
const SEED = Number(process.env.FUZZ_SEED ?? 20261130)

describeEachDatabase('OpenAPI fuzzer', (dialect) => {
  it(`answers ${PER_OPERATION} hostile requests per operation without a 5xx or a leak, and stays healthy`, async () => {
    const config = { blobDir: freshBlobDir(), dataDir: freshBlobDir() }
    const app = await testApp(dialect, { demo: true, clock: new FixedClock('2026-11-30T08:00:00Z'), config })
    // The offices' demo seals, so that the head's sealing is reached past "no seal".
    await demoSeals(app, config)
    const q = await lvivFrontOffice(app)
    const bearers = await demoBearers(app)
    const ticket = await q.issue({ queueId: q.queues.A })
    const card = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: bearers.editor,
      payload: {
        code: 'FUZZ-CARD',
        name: { uk: 'Послуга', pl: 'Usługa', en: 'Service' },
        description: { uk: 'Опис', pl: 'Opis', en: 'Description' },
      },
    })
    const users = (await app.inject({ url: '/api/v1/users', headers: bearers.admin })).json<{
      items: { id: string; login: string }[]
    }>().items
    // Lublin's registers: an entry of each with a file, so that the fuzzer reaches past "not found".
    const offices = await demoOffices(app)
    const registry = await registryMatrixContext(
      app,
      bearers.chancellery,
      offices['LUB-BOM']!.id,
      new Date('2026-11-30T08:00:00Z'),
    )
    // A case with a document of one version, so that the case file's routes are reached too.
    const lublinUnits = await app.services.offices.listUnits(SYSTEM_ACTOR, registry.lublin)
    const filed = await app.services.cases.openCase(SYSTEM_ACTOR, {
      officeId: registry.lublin,
      unitId: lublinUnits.find((u) => u.code === 'OR')!.id,
      symbol: '0152',
      title: 'Fuzz',
    })
    const document = await app.services.cases.addDocument(
      SYSTEM_ACTOR,
      filed.id,
      { title: 'Fuzz', kind: 'note', form: 'born-digital' },
      { content: Readable.from([Buffer.from('Fuzz note')]), name: 'note.txt', mediaType: 'text/plain' },
    )
    const receipt = await app.services.cases.addDocument(
      SYSTEM_ACTOR,
      filed.id,
      { title: 'Fuzz receipt', kind: 'certificate', form: 'born-digital' },
      {
        content: Readable.from([Buffer.from('<receipt>Fuzz</receipt>')]),
        name: 'r.xml',
        mediaType: 'application/xml',
      },
    )
    const ids = [
      filed.id,
      document.id,
      receipt.id,
      registry.lublin,
      registry.incoming,
      registry.outgoing,
      registry.incomingFile,
      registry.perRole.admin!.dispatched,
      q.officeId,
      q.queues.A,
      q.queues.B,
      q.desks.desk1,
      q.desks.desk2,
      ticket.id,
      card.json<{ id: string }>().id,
      ...users.filter((u) => u.login === 'demo-consultant').map((u) => u.id),
    ]
    const doc = (await app.inject('/api/openapi.json')).json<OpenApiDoc>()
    const requests = [
      ...fuzzRequests(
        doc,
        {
          ids,
          bearers: [
            bearers.admin,
            bearers.manager,
            bearers.consultant,
            bearers.kiosk,
            bearers.editor,
            bearers.chancellery,
            bearers.head,
          ].map((b) => b.authorization),
          // These would end the session the fuzzer signs in with.
          unauthenticatedOnly: new Set(['POST /api/v1/auth/logout', 'POST /api/v1/me/totp/confirm']),
        },
        PER_OPERATION,
        SEED,
      ),
    ]
    const failures: string[] = []
    const undocumented: string[] = []
    const asDocumented = answerChecker(doc)
    const statuses = new Map<number, number>()
    const started = performance.now()
    const send = async (r: FuzzRequest) => {
      const answer = app.inject({
        method: r.method as 'GET',
        url: r.url,
        headers: r.headers,
        ...(r.payload !== undefined ? { payload: r.payload } : {}),
      })
      let timer: NodeJS.Timeout | undefined
      const res = await Promise.race([
        answer,
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), 10_000)
        }),
      ])
      clearTimeout(timer)
      if (!res) {
        failures.push(`${r.method} ${r.url.slice(0, 120)} [${r.label.slice(0, 120)}]: no answer in 10 s`)
        return
      }
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
      const what = `${r.method} ${r.url.slice(0, 120)} [${r.label.slice(0, 120)}] → ${res.statusCode}`
      if (res.statusCode >= 500) failures.push(`${what}: ${res.body.slice(0, 300)}`)
      else if (LEAK.test(res.body)) failures.push(`${what} leaks: ${res.body.slice(0, 300)}`)
      else if (res.statusCode >= 400) {
        if (!String(res.headers['content-type']).startsWith('application/problem+json'))
          failures.push(`${what}: not problem+json (${res.headers['content-type']})`)
        if (res.headers['x-content-type-options'] !== 'nosniff') failures.push(`${what}: no security headers`)
        // Its code is one of the documented codes, and its type the address of that code's page.
        const problem = res.json<{ code: ErrorCode; type: string }>()
        if (!(problem.code in ERROR_CODES)) failures.push(`${what}: unknown code ${problem.code}`)
        else if (problem.type !== `/errors/${errorSlug(problem.code)}`)
          failures.push(`${what}: type ${problem.type}`)
      }
      undocumented.push(...asDocumented(r.operation, res).map((m) => `${what}: ${m}`))
    }
    // A few at a time, as clients would send them.
    for (let i = 0; i < requests.length; i += 8) await Promise.all(requests.slice(i, i + 8).map(send))
    const seconds = (performance.now() - started) / 1000
    console.log(
      `[fuzz ${dialect}] ${requests.length} requests over ${Object.values(doc.paths).reduce((n, m) => n + Object.keys(m).length, 0)} operations in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    )
    expect(failures.slice(0, 20)).toEqual([])
    // Every answer as the document says (status and media type), so that a generated client expects it.
    expect(undocumented.slice(0, 20)).toEqual([])
    expect(requests.length).toBeGreaterThanOrEqual(PER_OPERATION * 60)

    const health = await app.inject('/readyz')
    expect(health.statusCode).toBe(200)
    const chain = await app.inject({ url: '/api/v1/audit/verify', headers: bearers.coordinator })
    expect(chain.statusCode, chain.body).toBe(200)
    expect(chain.json()).toMatchObject({ valid: true })
  }, 600_000)
})
