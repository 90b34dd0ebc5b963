import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, inTransaction, rethrowUnique, withTables } from '../../platform/db/index.js'
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type Actor, allow, auditRecordBy, rules } from '../identity/index.js'
import * as repo from './classification.repository.js'
import type { ClassDto, ClassificationDto, ImportResultDto } from './classification.schemas.js'
import type { ClassificationTables, ClassRow } from './classification.tables.js'
import { type ParsedClass, parseClassificationCsv } from './classification-file.js'

/** Who may adopt a classification for an office, and who reads it. */
export const classificationRules = {
  adopt: rules.role('admin', 'coordinator', 'manager'),
  read: rules.role('admin', 'coordinator', 'manager', 'chancellery', 'officer', 'head'),
}

const versionExists = (date: string) =>
  conflict(
    'CLASSIFICATION_EXISTS',
    'A classification is adopted from this date',
    `One is adopted from ${date}: choose another date.`,
  )

const toClassDto = (c: ClassRow | (ParsedClass & { leaf: boolean | number })): ClassDto => ({
  symbol: c.symbol,
  title: c.title,
  parent: c.parent,
  category: c.category,
  ownCategory: c.ownCategory,
  leaf: c.leaf === true || c.leaf === 1,
})

export type ClassificationService = ReturnType<typeof createClassificationService>

/** An office's classification (JRWA, номенклатура справ): versions imported from CSV, and their classes. */
export function createClassificationService(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  officeExists: (id: string) => Promise<boolean>,
) {
  const db = withTables<ClassificationTables>(database)

  /** What `next` changes against the version in force on `date` (everything is new when there is none). */
  async function changesAgainst(officeId: string, date: string, next: ParsedClass[]) {
    const current = await repo.classificationInForce(db, officeId, date)
    const before = new Map((current ? await repo.classesOf(db, current.id) : []).map((c) => [c.symbol, c]))
    const brief = (c: { symbol: string; title: string; category: string | null }) => ({
      symbol: c.symbol,
      title: c.title,
      category: c.category,
    })
    const after = new Map(next.map((c) => [c.symbol, c]))
    return {
      added: next.filter((c) => !before.has(c.symbol)).map(brief),
      removed: [...before.values()].filter((c) => !after.has(c.symbol)).map(brief),
      changed: next
        .filter((c) => {
          const old = before.get(c.symbol)
          return old && (old.title !== c.title || old.category !== c.category)
        })
        .map((c) => ({ symbol: c.symbol, from: brief(before.get(c.symbol)!), to: brief(c) })),
    }
  }

  return {
    /**
     * Imports a classification from CSV as the version adopted from `adoptedOn`; the whole file or
     * nothing. `dryRun` shows what it would change and stores nothing.
     */
    async importClassification(
      actor: Actor,
      officeId: string,
      csv: string,
      adoptedOn: string,
      dryRun = false,
    ): Promise<ImportResultDto> {
      if (!allow(actor, classificationRules.adopt, { officeId })) throw forbidden()
      if (!(await officeExists(officeId))) throw notFound('Office')
      const classes = parseClassificationCsv(csv)
      const changes = await changesAgainst(officeId, adoptedOn, classes)
      if (dryRun) return { id: null, officeId, adoptedOn, classes: classes.length, changes }
      const id = newId()
      await inTransaction(db, async (trx) => {
        await repo.insertClassification(
          trx,
          {
            id,
            officeId,
            adoptedOn,
            classes: classes.length,
            importedAt: clock.now().toISOString(),
            importedBy: actor.login,
          },
          classes.map((c) => ({ ...c, classificationId: id, leaf: c.leaf ? 1 : 0 })),
        )
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'classification.import',
            officeId,
            subjectType: 'classification',
            subjectId: id,
            summary: {
              adoptedOn,
              classes: classes.length,
              added: changes.added.length,
              removed: changes.removed.length,
              changed: changes.changed.length,
            },
          }),
        )
      }).catch(rethrowUnique(() => versionExists(adoptedOn)))
      return { id, officeId, adoptedOn, classes: classes.length, changes }
    },

    async list(actor: Actor, officeId: string): Promise<ClassificationDto[]> {
      if (!allow(actor, classificationRules.read, { officeId })) throw forbidden()
      return repo.classificationsOf(db, officeId)
    },

    async classes(actor: Actor, classificationId: string, parent: string | undefined): Promise<ClassDto[]> {
      const version = await repo.findClassification(db, classificationId)
      if (!version) throw notFound('Classification')
      if (!allow(actor, classificationRules.read, { officeId: version.officeId })) throw forbidden()
      const rows = await repo.classesOf(
        db,
        classificationId,
        parent === undefined ? undefined : parent || null,
      )
      return rows.map(toClassDto)
    },

    /**
     * The leaf class `symbol` of the version in force on `date` in an office, for a new case (read
     * through `uow`); 422 on `path` when there is no such class or it does not take cases.
     */
    async leafClass(uow: Db, officeId: string, date: string, symbol: string, path: string) {
      const from = withTables<ClassificationTables>(uow)
      const version = await repo.classificationInForce(from, officeId, date)
      if (!version) throw invalid([{ path, message: `the office has no classification in force on ${date}` }])
      const found = await repo.findClass(from, version.id, symbol)
      if (!found)
        throw invalid([{ path, message: `${symbol} is not a class of the classification in force` }])
      if (found.leaf !== 1)
        throw invalid([{ path, message: `${symbol} has classes below it: cases go in a leaf class` }])
      return {
        classificationId: version.id,
        symbol: found.symbol,
        title: found.title,
        category: found.category as string,
      }
    },
  }
}
