import { Kysely, type KyselyConfig, type TransactionBuilder } from 'kysely'
import { CHECK_TRANSACTIONS, inTransactionScope } from './group-commit.js'

type Hook = () => void | Promise<void>
const afterCommitHooks = new WeakMap<object, Hook[]>()
const beforeCommitHooks = new WeakMap<object, Hook[]>()
/** Transactions this class opened: the only ones whose before-commit hooks are sure to run. */
const ours = new WeakSet<object>()

/**
 * Runs `hook` inside the transaction `trx` once its work is done, just before it commits; a hook that
 * fails rolls the whole back. Writes that every transaction ends with and that lock a shared row (the
 * audit chains' heads) go there, so that the lock is taken last, held for the least time, and taken in
 * the same order everywhere (no deadlock with the rows the work locked). Only for transactions opened
 * by `UnitOfWorkKysely` (anything else throws: the hook would never run).
 */
// biome-ignore lint/suspicious/noExplicitAny: any module's transaction.
export function beforeCommit(trx: Kysely<any>, hook: Hook): void {
  if (!ours.has(trx)) throw new Error('beforeCommit needs a transaction opened by the unit of work')
  const hooks = beforeCommitHooks.get(trx)
  if (hooks) hooks.push(hook)
  else beforeCommitHooks.set(trx, [hook])
}

/**
 * Runs `hook` once the transaction `trx` has committed, and never if it rolls back: events, cache
 * invalidations and notifications to other instances must not announce a change that may yet be
 * undone. Code that works in a caller's transaction (a booking's check-in issuing its ticket) uses it
 * instead of publishing at once. A failing hook is reported, not thrown: the change is already made.
 */
// biome-ignore lint/suspicious/noExplicitAny: any module's transaction.
export function afterCommit(trx: Kysely<any>, hook: Hook): void {
  const hooks = afterCommitHooks.get(trx)
  if (hooks) hooks.push(hook)
  else afterCommitHooks.set(trx, [hook])
}

/**
 * Runs `work` as one unit of work on `uow`: when `uow` is already a transaction (a use case of another
 * module calling this one inside its own), `work` joins it and the caller commits; otherwise `work`
 * runs in a new transaction. Either way `afterCommit(trx, …)` hooks run once the whole commits.
 *
 * Why passed, not found in an AsyncLocalStorage: on Node 20 the first `AsyncLocalStorage.run()`
 * turns on promise hooks for the whole process, which cost ≈15% of the queue's throughput
 * (docs/performance.md); the unit of work goes down the calls that need it instead, typed as the
 * one `Db`.
 */
export function inTransaction<T, R>(uow: Kysely<T>, work: (trx: Kysely<T>) => Promise<R>): Promise<R> {
  return uow.isTransaction ? work(uow) : uow.transaction().execute(work)
}

/**
 * Kysely as Ratusz uses it: transactions run their after-commit hooks, and on SQLite (in tests and
 * development) mark their callback so that a query through the wrong handle fails at once
 * (`QueryOutsideTransactionError`) instead of waiting forever.
 */
// biome-ignore lint/suspicious/noExplicitAny: the database type is the caller's.
export class UnitOfWorkKysely<DB = any> extends Kysely<DB> {
  readonly #scoped: boolean
  constructor(config: KyselyConfig & { scopedTransactions?: boolean }) {
    super(config)
    this.#scoped = (config.scopedTransactions ?? false) && CHECK_TRANSACTIONS
  }

  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction()
    const execute = builder.execute.bind(builder)
    builder.execute = async (callback) => {
      let trx: object | null = null
      const run = () =>
        execute(async (t) => {
          trx = t
          ours.add(t)
          const result = await callback(t)
          // Hooks may add hooks (an audit entry recorded by a hook): run until none are left.
          for (let hooks = beforeCommitHooks.get(t); hooks?.length; hooks = beforeCommitHooks.get(t)) {
            beforeCommitHooks.delete(t)
            for (const hook of hooks) await hook()
          }
          return result
        })
      const result = await (this.#scoped ? inTransactionScope(run) : run())
      const hooks = trx ? afterCommitHooks.get(trx) : undefined
      if (trx && hooks) {
        afterCommitHooks.delete(trx)
        for (const hook of hooks) {
          try {
            await hook()
          } catch (error) {
            process.emitWarning(`an after-commit hook failed: ${String(error)}`)
          }
        }
      }
      return result
    }
    return builder
  }
}
