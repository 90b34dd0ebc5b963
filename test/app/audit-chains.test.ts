import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { expect, it, onTestFinished } from 'vitest'
import { migrations } from '../../migrations/index.js'
import { buildApp } from '../../src/app/build-app.js'
import { seedDemo } from '../../src/app/demo/seed-demo.js'
import { canonicalJson, entryHash } from '../../src/modules/audit/index.js'
import { migrateToLatest } from '../../src/platform/db/migrator.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { files } from '../support/multipart-files.js'
import { demoRecipe, testConfig } from '../support/test-app.js'

type Config = ReturnType<typeof testConfig>

/** An app whose database the test can also reach directly, as an attacker with database access would. */
async function appWithDatabase(dialect: 'sqlite' | 'postgres', config: Partial<Config> = {}) {
  const recipe = demoRecipe({ catalogue: true, queues: true, records: true }, config, undefined)
  const database = await freshDatabase(dialect, { keepOpen: true, recipe })
  const app = await buildApp({ config: testConfig(config), database, logger: false })
  onTestFinished(() => app.close())
  return { app, database, db: database.db }
}

/** As the database's handle gives it (camelCased). */
interface EntryRow {
  chain: string
  chainSeq: number
  seq: number
  hash: string
}

/** The `n`th entry (from 1) of the chain, as stored. */
async function entryOf(db: Kysely<unknown>, chain: string, n: number) {
  const { rows } =
    await sql<EntryRow>`select chain, chain_seq, seq, hash from audit_log where chain = ${chain} and chain_seq = ${n}`.execute(
      db,
    )
  return rows[0]!
}

describeEachDatabase('audit chains per office, and their anchors', (dialect) => {
  it('keeps one gap-free chain per office: offices written in parallel each count from their own head', async () => {
    const { app } = await appWithDatabase(dialect)
    const offices = await demoOffices(app)
    const bearers = await demoBearers(app)
    const stryi = offices['STRYI-CNAP']!.id
    const lublin = offices['LUB-BOM']!.id
    const before = [await app.services.audit.headOf(stryi), await app.services.audit.headOf(lublin)]
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/offices/${i % 2 ? stryi : lublin}/desks`,
          headers: bearers.admin,
          payload: { name: `Parallel ${i}` },
        }),
      ),
    )
    expect(results.map((r) => r.statusCode)).toEqual(Array(60).fill(201))
    expect((await app.services.audit.headOf(stryi)).seq).toBe(before[0]!.seq + 30)
    expect((await app.services.audit.headOf(lublin)).seq).toBe(before[1]!.seq + 30)
    const check = (await app.inject({ url: '/api/v1/audit/verify', headers: bearers.admin })).json()
    expect(check).toMatchObject({ valid: true, broken: [], anchors: { count: 0, valid: true } })
    expect(check.chains).toBeGreaterThanOrEqual(3)

    // Each entry names its chain and place; within a chain, each links to the one before.
    const log = (
      await app.inject({ url: `/api/v1/audit?officeId=${stryi}&limit=200`, headers: bearers.admin })
    ).json<{ items: { chain: string; chainSeq: number; prevHash: string; hash: string }[] }>().items
    expect(new Set(log.map((e) => e.chain))).toEqual(new Set([stryi]))
    for (let i = 0; i < log.length - 1; i++) {
      expect(log[i]!.chainSeq).toBe(log[i + 1]!.chainSeq + 1)
      expect(log[i]!.prevHash).toBe(log[i + 1]!.hash)
    }
    expect(log.at(-1)).toMatchObject({ chainSeq: 1, prevHash: '0'.repeat(64) })
  })

  it('finds an edited entry at that entry and office, and leaves the other offices’ chains intact', async () => {
    const { app, db } = await appWithDatabase(dialect)
    const stryi = (await demoOffices(app))['STRYI-CNAP']!.id
    await sql`update audit_log set summary = '{"name":"forged"}' where chain = ${stryi} and chain_seq = 3`.execute(
      db,
    )
    const check = await app.services.audit.verifyOffline()
    expect(check.valid).toBe(false)
    expect(check.broken).toEqual([{ chain: stryi, officeId: stryi, seq: 3, reason: 'entry' }])

    // A manager of another office verifies theirs, intact; the network roles see the broken one.
    const bearers = await demoBearers(app)
    const own = (await app.inject({ url: '/api/v1/audit/verify', headers: bearers.manager })).json()
    expect(own).toMatchObject({ valid: true, broken: [], chains: 1 })
    const office = (
      await app.inject({ url: `/api/v1/audit/verify?officeId=${stryi}`, headers: bearers.coordinator })
    ).json()
    expect(office).toMatchObject({ valid: false, broken: [{ officeId: stryi, seq: 3 }] })
  })

  it('finds a deleted entry, a deleted newest entry, and a chain rewritten from an entry on', async () => {
    const { app, db } = await appWithDatabase(dialect)
    const offices = await demoOffices(app)
    const [lviv, lublin, stryi] = ['LVIV-CNAP', 'LUB-BOM', 'STRYI-CNAP'].map((c) => offices[c]!.id) as [
      string,
      string,
      string,
    ]
    await sql`delete from audit_log where chain = ${lviv} and chain_seq = 2`.execute(db)
    const newest = await app.services.audit.headOf(lublin)
    await sql`delete from audit_log where chain = ${lublin} and chain_seq = ${newest.seq}`.execute(db)
    // Entry 2 rewritten with its hash recomputed: the next link no longer fits.
    const row = (
      await sql<
        Record<string, unknown>
      >`select * from audit_log where chain = ${stryi} and chain_seq = 2`.execute(db)
    ).rows[0]!
    const forged = { ...row, summary: canonicalJson({ forged: true }) } as unknown as Parameters<
      typeof entryHash
    >[0]
    await sql`update audit_log set summary = ${forged.summary}, hash = ${entryHash(forged)} where chain = ${stryi} and chain_seq = 2`.execute(
      db,
    )

    const check = await app.services.audit.verifyOffline()
    const byOffice = new Map(check.broken.map((b) => [b.officeId, b]))
    expect(byOffice.get(lviv)).toMatchObject({ seq: 2, reason: 'missing' })
    expect(byOffice.get(lublin)).toMatchObject({ seq: newest.seq, reason: 'missing' })
    expect(byOffice.get(stryi)).toMatchObject({ seq: 3, reason: 'entry' })
    expect(check.broken).toHaveLength(3)
  })

  it('anchors every chain’s head under one Merkle root, linked anchor to anchor; the anchor finds a truncated chain', async () => {
    const { app, db } = await appWithDatabase(dialect)
    const bearers = await demoBearers(app)
    const lublin = (await demoOffices(app))['LUB-BOM']!.id
    expect(
      (await app.inject({ url: '/api/v1/audit/anchors/latest', headers: bearers.admin })).statusCode,
    ).toBe(404)
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/audit/anchors', headers: bearers.manager }))
        .statusCode,
    ).toBe(403)
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/audit/anchors',
      headers: bearers.coordinator,
    })
    expect(first.statusCode, first.body).toBe(201)
    const anchor = first.json<{
      id: number
      root: string
      prevRoot: string
      heads: [string, number, string][]
      signature: null
    }>()
    expect(anchor).toMatchObject({ id: 1, prevRoot: '0'.repeat(64), signature: null })
    // The root is RFC 6962's tree hash over the heads, recomputable by anyone from the export.
    expect(anchor.root).toBe(rfc6962(anchor.heads))
    const heads = new Map(anchor.heads.map(([chain, seq, hash]) => [chain, { seq, hash }]))
    expect(heads.get(lublin)).toEqual(await app.services.audit.headOf(lublin))

    const second = (
      await app.inject({ method: 'POST', url: '/api/v1/audit/anchors', headers: bearers.admin })
    ).json()
    expect(second).toMatchObject({ id: 2, prevRoot: anchor.root })
    expect(
      (await app.inject({ url: '/api/v1/audit/anchors/latest', headers: bearers.manager })).json(),
    ).toEqual(second)

    // Lublin's last two entries removed and its head rewound to match: the chain alone looks whole,
    // but no longer reaches the head its anchor recorded.
    const head = heads.get(lublin)!
    const kept = await entryOf(db, lublin, head.seq - 2)
    await sql`delete from audit_log where chain = ${lublin} and chain_seq > ${kept.chainSeq}`.execute(db)
    await sql`update audit_chain_heads set seq = ${kept.chainSeq}, hash = ${kept.hash} where chain = ${lublin}`.execute(
      db,
    )
    const check = await app.services.audit.verifyOffline()
    expect(check.broken).toEqual([{ chain: lublin, officeId: lublin, seq: head.seq - 1, reason: 'anchor' }])

    // An anchor edited in the database breaks the anchors from that one on.
    await sql`update audit_anchors set root = ${'f'.repeat(64)} where id = 1`.execute(db)
    expect((await app.services.audit.verifyOffline()).anchors).toMatchObject({
      valid: false,
      firstBrokenId: 1,
    })
  })

  it('verifies against an anchor kept outside: rewriting a chain and every anchor in the database is found', async () => {
    const { app, db } = await appWithDatabase(dialect)
    const lviv = (await demoOffices(app))['LVIV-CNAP']!.id
    const published = await app.services.audit.anchor()
    expect(await app.services.audit.verifyOffline(published)).toMatchObject({
      valid: true,
      anchors: { valid: true },
    })
    // The attacker rewrites Lviv's first entry, every later link, its head and the stored anchor.
    const rows = (
      await sql<
        Record<string, unknown>
      >`select * from audit_log where chain = ${lviv} order by chain_seq`.execute(db)
    ).rows
    let prevHash = '0'.repeat(64)
    for (const row of rows) {
      const entry = {
        ...row,
        actorLogin: row.chainSeq === 1 ? 'someone-else' : row.actorLogin,
        prevHash,
      } as unknown as Parameters<typeof entryHash>[0]
      prevHash = entryHash(entry)
      await sql`update audit_log set actor_login = ${entry.actorLogin}, prev_hash = ${entry.prevHash}, hash = ${prevHash} where seq = ${row.seq}`.execute(
        db,
      )
    }
    await sql`update audit_chain_heads set hash = ${prevHash} where chain = ${lviv}`.execute(db)
    const rewritten = published.heads.map(
      ([c, s, h]) => [c, s, c === lviv ? prevHash : h] as [string, number, string],
    )
    await sql`update audit_anchors set heads = ${JSON.stringify(rewritten)}, root = ${rfc6962(rewritten)} where id = 1`.execute(
      db,
    )

    // The database agrees with itself…
    expect(await app.services.audit.verifyOffline()).toMatchObject({ valid: true })
    // …but not with the anchor published before.
    const check = await app.services.audit.verifyOffline(published)
    expect(check.valid).toBe(false)
    expect(check.broken).toEqual([
      { chain: lviv, officeId: lviv, seq: published.heads.find(([c]) => c === lviv)![1], reason: 'anchor' },
    ])
    expect(check.anchors.valid).toBe(false)
  })

  it('seals the anchor by the network’s seal; the validator passes it once the demo CA is trusted and fails it when changed', async () => {
    const { app, db } = await appWithDatabase(dialect, {
      dataDir: mkdtempSync(join(tmpdir(), 'ratusz-anchor-')),
    })
    const made = await app.services.sealing.initDemo(await app.services.offices.listPublicOffices())
    expect(made.created).toContain('NETWORK')
    const bearers = await demoBearers(app)
    const anchor = (
      await app.inject({ method: 'POST', url: '/api/v1/audit/anchors', headers: bearers.admin })
    ).json<{
      signature: string
      statement: string
    }>()
    expect(anchor.signature).toMatch(/^[A-Za-z0-9+/]+=*$/)
    const untrusted = await app.services.audit.verifyOffline()
    expect(untrusted).toMatchObject({
      valid: true,
      anchors: { seal: { indication: 'INDETERMINATE', signer: expect.stringContaining('Ratusz network') } },
    })

    const crt = await app.inject({ url: '/api/v1/seals/demo-ca.crt' })
    const form = files({ file: { name: 'demo-ca.crt', content: crt.rawPayload } })
    const trusted = await app.inject({
      method: 'POST',
      url: '/api/v1/trust/anchors',
      payload: form.payload,
      headers: { ...bearers.admin, ...form.headers },
    })
    expect(trusted.statusCode, trusted.body).toBe(201)
    expect((await app.services.audit.verifyOffline()).anchors.seal).toMatchObject({
      indication: 'TOTAL_PASSED',
    })

    // The statement the seal covers changed (its time moved): the seal no longer fits.
    await sql`update audit_anchors set at = ${'2020-01-01T00:00:00.000Z'} where id = 1`.execute(db)
    expect((await app.services.audit.verifyOffline()).anchors).toMatchObject({
      valid: false,
      firstBrokenId: 1,
      seal: { indication: 'TOTAL_FAILED' },
    })
  })

  it('takes over the single chain written before: its past still verifies, and a forged old entry is found', async () => {
    const database = await freshDatabase(dialect, { keepOpen: true, migrate: false })
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-12-02-034'))
    await migrateToLatest(database.db, before)
    // Three entries as the single chain wrote them (format 1: position, no chain name).
    let prevHash = '0'.repeat(64)
    for (let seq = 1; seq <= 3; seq++) {
      const fields = [
        seq,
        `2026-11-2${seq}T10:00:00.000Z`,
        'system',
        null,
        null,
        null,
        'demo.seed',
        'office',
        `o${seq}`,
        '{}',
        null,
        prevHash,
      ]
      const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex')
      await sql`insert into audit_log (seq, at, actor_type, actor_id, actor_login, office_id, action, subject_type, subject_id, summary, request_id, prev_hash, hash)
        values (${seq}, ${fields[1]}, 'system', null, null, null, 'demo.seed', 'office', ${fields[8]}, '{}', null, ${prevHash}, ${hash})`.execute(
        database.db,
      )
      await sql`update audit_head set seq = ${seq}, hash = ${hash} where id = 1`.execute(database.db)
      prevHash = hash
    }
    await migrateToLatest(database.db, migrations)
    const app = await buildApp({ config: testConfig(), database, logger: false })
    onTestFinished(() => app.close())
    await seedDemo(app.services)
    const check = await app.services.audit.verifyOffline()
    expect(check).toMatchObject({ valid: true, broken: [] })
    // The network chain went on from the old head.
    expect((await entryOf(database.db, 'network', 4)).seq).toBeGreaterThan(3)

    await sql`update audit_log set subject_id = 'o9' where seq = 2`.execute(database.db)
    expect((await app.services.audit.verifyOffline()).broken).toEqual([
      { chain: 'network', officeId: null, seq: 2, reason: 'entry' },
    ])
  })
})

/** RFC 6962's Merkle tree hash, written again here from the RFC (not the code under test). */
function rfc6962(leaves: [string, number, string][]): string {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest()
  const mth = (items: Buffer[]): Buffer => {
    if (items.length === 0) return h()
    if (items.length === 1) return h(Buffer.from([0]), items[0]!)
    let k = 1
    while (k * 2 < items.length) k *= 2
    return h(Buffer.from([1]), mth(items.slice(0, k)), mth(items.slice(k)))
  }
  return mth(leaves.map((leaf) => Buffer.from(JSON.stringify(leaf)))).toString('hex')
}
