import type { AuditTrail } from '../../platform/audit-trail.js'
import { TtlCache } from '../../platform/cache.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, rethrowUnique, withTables } from '../../platform/db/index.js'
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js'
import type { EventBus } from '../../platform/events.js'
import { decodeCursor, page } from '../../platform/http/cursor.js'
import { assertValid } from '../../platform/http/validate.js'
import type { Lang } from '../../platform/i18n/index.js'
import { newId } from '../../platform/ids.js'
import { toJsonColumn } from '../../platform/json-column.js'
import { foldForSearch, queryTerms } from '../../platform/search/fold.js'
import type { SearchIndex } from '../../platform/search/search-index.js'
import { type Actor, ANY_OFFICE, assertAllowed, auditRecordBy, isAllowed } from '../identity/index.js'
import { diffCards } from './card-diff.js'
import { definitionProblems } from './card-e-service.js'
import { cataloguePolicy } from './catalogue.policy.js'
import * as repo from './catalogue.repository.js'
import { ServiceCard, type ServiceDto, type ServiceListQuery } from './catalogue.schemas.js'
import { type CatalogueTables, type ServiceRow, stored } from './catalogue.tables.js'
import { cardsFromCpsvAp } from './cpsv-ap-import.js'

const serviceCodeTaken = (code: string) =>
  conflict('SERVICE_CODE_TAKEN', 'This card code is taken', `A card ${code} exists.`)

export const CATALOGUE_EVENTS = { published: 'service.published', withdrawn: 'service.withdrawn' } as const

declare module '../../platform/events.js' {
  interface EventMap {
    'service.published': { serviceId: string }
    'service.withdrawn': { serviceId: string }
  }
}

export type CatalogueService = ReturnType<typeof createCatalogueService>

/**
 * The folded text a published card is found by: its names and search words, the other names
 * residents use for it (kept on the card too, to rank these matches first: `passport` finds the
 * identity card whose search words say so before a card that only lists a passport among its
 * documents), then everything else a resident might type.
 */
export function searchTextOf(card: ServiceCard): { searchName: string; document: string } {
  const all = (t?: { uk: string; pl: string; en: string }) => (t ? [t.uk, t.pl, t.en] : [])
  const name = [...all(card.name), ...(card.keywords ?? [])].join(' ')
  const rest = [
    ...all(card.description),
    ...all(card.audience),
    ...(card.requiredDocuments ?? []).flatMap(all),
    card.code,
  ].join(' ')
  const searchName = ` ${foldForSearch(name)} `
  return { searchName, document: `${searchName} ${foldForSearch(rest)} ` }
}

/** A card that is not published is found by its code alone (staff look for drafts so). */
const codeDocument = (code: string) => ` ${foldForSearch(code)} `

/** Top-level fields whose value differs between two versions of a card. */
export function changedFields(before: ServiceCard | null, after: ServiceCard): string[] {
  if (!before) return Object.keys(after).sort()
  return [...new Set(diffCards(before, after).map((c) => c.path.split(/[.[]/)[0]!))].sort()
}

export function createCatalogueService(
  database: Db,
  clock: Clock,
  bus: EventBus,
  audit: AuditTrail,
  search: SearchIndex,
) {
  const db = withTables<CatalogueTables>(database)
  // Published cards as residents (and the e-services that apply on them) read them: a published
  // version changes only when a card is published or withdrawn, which clears them (on every instance:
  // the events are relayed), with a minute's life besides.
  const published = new TtlCache<ServiceDto | null>({ ttlMs: 60_000, maxEntries: 2_000, clock })
  for (const type of Object.values(CATALOGUE_EVENTS)) bus.subscribe(type, () => published.clear())
  const remembered = (key: string, read: () => Promise<ServiceDto | null>) => published.getOrLoad(key, read)

  async function mustFind(id: string): Promise<ServiceRow> {
    const row = await repo.findService(db, id)
    if (!row) throw notFound('Service')
    return row
  }

  async function cardOf(row: ServiceRow, version: number): Promise<ServiceCard> {
    const v = await repo.findVersion(db, row.id, version)
    if (!v) throw notFound('Version')
    return stored.card(v.card)
  }

  function toDto(row: ServiceRow, card: ServiceCard, version: number): ServiceDto {
    return {
      id: row.id,
      ...card,
      status: row.status,
      version,
      latestVersion: row.latestVersion,
      publishedVersion: row.publishedVersion,
      publishedAt: row.publishedAt,
      updatedAt: row.updatedAt,
    }
  }

  const record = (trx: Db, actor: Actor, action: string, id: string, summary: Record<string, unknown>) =>
    audit.record(
      trx,
      auditRecordBy(actor, { action, officeId: null, subjectType: 'service', subjectId: id, summary }),
    )

  /** A card's e-service form must hold together beyond its schema (keys, conditions, choices). */
  function assertFormSound(card: ServiceCard) {
    const problems = card.eService ? definitionProblems(card.eService.form) : []
    if (problems.length > 0)
      throw invalid(problems.map((p) => ({ path: `body.eService.form.${p.path}`, message: p.message })))
  }

  return {
    async createService(actor: Actor, card: ServiceCard): Promise<ServiceDto> {
      assertAllowed(actor, cataloguePolicy.write, ANY_OFFICE)
      assertFormSound(card)
      const now = clock.now().toISOString()
      const id = newId()
      await db
        .transaction()
        .execute(async (trx) => {
          if (await repo.findServiceByCode(trx, card.code)) throw serviceCodeTaken(card.code)
          await repo.insertService(trx, {
            id,
            code: card.code,
            status: 'draft',
            latestVersion: 1,
            publishedVersion: null,
            publishedAt: null,
            searchName: null,
            createdAt: now,
            updatedAt: now,
          })
          await search.put(trx, 'service', id, codeDocument(card.code))
          await repo.insertVersion(trx, {
            serviceId: id,
            version: 1,
            card: toJsonColumn(card),
            authorId: actor.id,
            authorLogin: actor.login,
            createdAt: now,
            changes: toJsonColumn(changedFields(null, card)),
          })
          await record(trx, actor, 'service.create', id, { code: card.code, version: 1 })
        })
        .catch(rethrowUnique(() => serviceCodeTaken(card.code)))
      return toDto(await mustFind(id), card, 1)
    },

    /**
     * Saves a new draft version; the public keeps seeing the published one. `ifMatch` is the latest
     * version. A card equal to the latest version is not saved again.
     */
    async updateService(actor: Actor, id: string, card: ServiceCard, ifMatch?: number): Promise<ServiceDto> {
      assertAllowed(actor, cataloguePolicy.write, ANY_OFFICE)
      assertFormSound(card)
      const now = clock.now().toISOString()
      let version = 0
      await db.transaction().execute(async (trx) => {
        const row = await repo.findService(trx, id)
        if (!row) throw notFound('Service')
        if (ifMatch !== undefined && ifMatch !== row.latestVersion) {
          throw new AppError(
            'VERSION_MISMATCH',
            412,
            'Changed since you read it',
            `The latest version is ${row.latestVersion}; read it again and reapply your change.`,
          )
        }
        if (card.code !== row.code)
          throw new AppError(
            'VALIDATION_FAILED',
            422,
            'The request is not valid',
            'body.code: cannot change',
            [{ path: 'body.code', message: 'cannot change: links and case files refer to it' }],
          )
        const previous = await repo.findVersion(trx, id, row.latestVersion)
        const changes = changedFields(previous ? stored.card(previous.card) : null, card)
        // Saving what is already there makes no new version.
        if (changes.length === 0) {
          version = row.latestVersion
          return
        }
        version = row.latestVersion + 1
        await repo.insertVersion(trx, {
          serviceId: id,
          version,
          card: toJsonColumn(card),
          authorId: actor.id,
          authorLogin: actor.login,
          createdAt: now,
          changes: toJsonColumn(changes),
        })
        await repo.updateService(trx, id, { latestVersion: version, updatedAt: now })
        await record(trx, actor, 'service.update', id, { version, changes })
      })
      return toDto(await mustFind(id), card, version)
    },

    async publish(actor: Actor, id: string): Promise<ServiceDto> {
      assertAllowed(actor, cataloguePolicy.write, ANY_OFFICE)
      const now = clock.now().toISOString()
      let card: ServiceCard | null = null
      let version = 0
      await db.transaction().execute(async (trx) => {
        const row = await repo.findService(trx, id)
        if (!row) throw notFound('Service')
        if (row.status === 'published' && row.publishedVersion === row.latestVersion) {
          throw conflict('ALREADY_PUBLISHED', 'The latest version is already published')
        }
        version = row.latestVersion
        const v = await repo.findVersion(trx, id, version)
        card = stored.card(v!.card)
        const { searchName, document } = searchTextOf(card)
        await repo.updateService(trx, id, {
          status: 'published',
          publishedVersion: version,
          publishedAt: now,
          updatedAt: now,
          searchName,
        })
        await search.put(trx, 'service', id, document)
        await repo.replaceFilters(
          trx,
          id,
          (card.offices ?? []).map((o) => o.officeId),
          // Topics and life situations are both ways into the list.
          [...(card.categories ?? []), ...(card.lifeEvents ?? [])],
        )
        await record(trx, actor, 'service.publish', id, { version })
      })
      await bus.publish({ type: CATALOGUE_EVENTS.published, payload: { serviceId: id }, at: now })
      return toDto(await mustFind(id), card!, version)
    },

    /**
     * Folds the search names of published cards again where the way they are made has changed since
     * they were published (search words joined the names): run at start, writes only what differs.
     */
    async refreshSearchNames(): Promise<number> {
      const rows = await db
        .selectFrom('services as s')
        .innerJoin('serviceVersions as v', (j) =>
          j.onRef('v.serviceId', '=', 's.id').onRef('v.version', '=', 's.publishedVersion'),
        )
        .select(['s.id', 's.searchName', 'v.card'])
        .where('s.status', '=', 'published')
        .execute()
      let changed = 0
      for (const row of rows) {
        const { searchName } = searchTextOf(stored.card(row.card))
        if (searchName === row.searchName) continue
        await db.updateTable('services').set({ searchName }).where('id', '=', row.id).execute()
        changed++
      }
      return changed
    },

    async withdraw(actor: Actor, id: string): Promise<ServiceDto> {
      assertAllowed(actor, cataloguePolicy.write, ANY_OFFICE)
      const now = clock.now().toISOString()
      await db.transaction().execute(async (trx) => {
        const row = await repo.findService(trx, id)
        if (!row) throw notFound('Service')
        if (row.status !== 'published')
          throw conflict('NOT_PUBLISHED', 'Only a published card can be withdrawn')
        await repo.updateService(trx, id, { status: 'withdrawn', searchName: null, updatedAt: now })
        await search.put(trx, 'service', id, codeDocument(row.code))
        await repo.replaceFilters(trx, id, [], [])
        await record(trx, actor, 'service.withdraw', id, { version: row.publishedVersion })
      })
      await bus.publish({ type: CATALOGUE_EVENTS.withdrawn, payload: { serviceId: id }, at: now })
      const row = await mustFind(id)
      return toDto(
        row,
        await cardOf(row, row.publishedVersion ?? row.latestVersion),
        row.publishedVersion ?? row.latestVersion,
      )
    },

    /**
     * A card: residents get the published version (404 otherwise); staff may ask for any version and
     * get the latest when nothing is published.
     */
    async getService(actor: Actor | null, id: string, version?: number): Promise<ServiceDto> {
      const row = await mustFind(id)
      const staff = actor !== null && isAllowed(actor, cataloguePolicy.readDrafts, ANY_OFFICE)
      if (!staff) {
        if (version !== undefined || row.status !== 'published' || row.publishedVersion === null)
          throw notFound('Service')
        const at = row.publishedVersion
        const dto = await remembered(`id:${id}`, async () => toDto(row, await cardOf(row, at), at))
        if (!dto) throw notFound('Service')
        return dto
      }
      const shown = version ?? row.publishedVersion ?? row.latestVersion
      return toDto(row, await cardOf(row, shown), shown)
    },

    /**
     * Imports CPSV-AP JSON-LD as drafts. Every card is checked before any is saved; a code that is
     * taken gets a numbered suffix.
     */
    async importCpsvAp(actor: Actor, doc: unknown): Promise<{ imported: number; ids: string[] }> {
      assertAllowed(actor, cataloguePolicy.write, ANY_OFFICE)
      const cards = (await cardsFromCpsvAp(doc)).map((card, i) => {
        try {
          return assertValid(ServiceCard, card)
        } catch (error) {
          if (error instanceof AppError && error.errors) {
            throw invalid(
              error.errors.map((e) => ({ ...e, path: e.path.replace(/^body/, `body.PublicService[${i}]`) })),
            )
          }
          throw error
        }
      })
      const ids: string[] = []
      for (const card of cards) {
        let code = card.code
        for (let n = 2; await repo.findServiceByCode(db, code); n++) code = `${card.code.slice(0, 60)}-${n}`
        ids.push((await this.createService(actor, { ...card, code })).id)
      }
      return { imported: ids.length, ids }
    },

    /** Every published card at its published version, by code (the catalogue export). */
    async allPublished(): Promise<ServiceDto[]> {
      const rows = await repo.listServices(db, { publishedOnly: true, terms: [], limit: 100_000 })
      return rows.map((row) => toDto(row, stored.card(row.card), row.publishedVersion!))
    },

    /** The published card by its code, for the public page. */
    async getPublishedByCode(code: string): Promise<ServiceDto | null> {
      return remembered(`code:${code}`, async () => {
        const row = await repo.findServiceByCode(db, code)
        if (row?.status !== 'published' || row.publishedVersion === null) return null
        return toDto(row, await cardOf(row, row.publishedVersion), row.publishedVersion)
      })
    },

    async list(actor: Actor | null, query: ServiceListQuery, lang: Lang) {
      const drafts = query.drafts === true
      if (drafts) {
        if (!actor)
          throw new AppError(
            'UNAUTHENTICATED',
            401,
            'Authentication required',
            'Drafts are for staff; send a bearer token.',
          )
        assertAllowed(actor, cataloguePolicy.readDrafts, ANY_OFFICE)
      }
      const limit = query.limit ?? 20
      const cursor = decodeCursor(query.cursor, 2)
      const terms = queryTerms(query.q ?? '')
      const rows = await repo.listServices(db, {
        publishedOnly: !drafts,
        status: drafts ? query.status : undefined,
        terms,
        found: terms.length ? search.matching(db, 'service', terms) : undefined,
        officeId: query.office,
        category: query.category,
        after: cursor ? { rank: Number(cursor[0]), code: String(cursor[1]) } : undefined,
        limit: limit + 1,
      })
      const { items, nextCursor } = page(rows, limit, (row) => [Number(row.rank), row.code])
      return {
        items: items.map((row) => {
          const card = stored.card(row.card)
          return {
            id: row.id,
            code: row.code,
            name: card.name[lang],
            description: card.description[lang],
            status: row.status,
            ...(card.processingTime ? { processingTime: card.processingTime } : {}),
            ...(drafts ? { unpublishedChanges: row.latestVersion !== row.publishedVersion } : {}),
          }
        }),
        nextCursor,
      }
    },

    async history(actor: Actor, id: string) {
      assertAllowed(actor, cataloguePolicy.readDrafts, ANY_OFFICE)
      await mustFind(id)
      const versions = await repo.listVersions(db, id)
      return versions.map((v) => ({
        version: v.version,
        author: v.authorLogin,
        at: v.createdAt,
        changes: stored.changes(v.changes),
      }))
    },

    /** What changed from version `from` to version `to` (either order), line by line. */
    async diff(actor: Actor, id: string, from: number, to: number) {
      assertAllowed(actor, cataloguePolicy.readDrafts, ANY_OFFICE)
      const row = await mustFind(id)
      const [before, after] = await Promise.all([cardOf(row, from), cardOf(row, to)])
      return { from, to, changes: diffCards(before, after) }
    },
  }
}
