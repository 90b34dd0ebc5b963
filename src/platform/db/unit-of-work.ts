import { Kysely, type KyselyConfig, type TransactionBuilder } from 'kysely'
import { CHECK_TRANSACTIONS, inTransactionScope } from './group-commit.js'

type Hook = () => void | Promise<void>
const afterCommitHooks = new WeakMap<object, Hook[]>()

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
        execute((t) => {
          trx = t
          return callback(t)
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
