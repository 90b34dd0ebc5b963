import pg from 'pg'

/**
 * After the whole run, drops the per-test PostgreSQL schemas (`t_…`). Tests leave them in place while
 * the run goes on, because dropping a schema while another test reads the catalogue breaks that test.
 */
export default function setup(): () => Promise<void> {
  return async () => {
    const url = process.env.TEST_DATABASE_URL
    if (!url) return
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query<{ nspname: string }>(
        `select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'`,
      )
      for (const { nspname } of rows) await client.query(`drop schema ${nspname} cascade`)
    } finally {
      await client.end()
    }
  }
}
