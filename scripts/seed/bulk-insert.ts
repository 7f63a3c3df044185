/** Bulk writing: one `INSERT ... SELECT * FROM unnest($1::type[], ...)` per table, inside a transaction. */
import type pg from 'pg'

/** A table and the columns we write, with their PostgreSQL types; values come from the camelCase row. */
export class BulkInsert<Row> {
  private readonly text: string
  private readonly keys: string[]

  constructor(
    readonly table: string,
    columns: [name: string, type: string][],
  ) {
    this.keys = columns.map(([name]) => name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()))
    const casts = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')
    this.text = `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) SELECT * FROM unnest(${casts})`
  }

  async write(client: pg.ClientBase, rows: Row[]): Promise<void> {
    if (rows.length === 0) return
    const values = this.keys.map((key) =>
      rows.map((row) => {
        const value = (row as Record<string, unknown>)[key]
        return value instanceof Date ? value.toISOString() : (value ?? null)
      }),
    )
    await client.query(this.text, values)
  }
}

export async function inTransaction(client: pg.ClientBase, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN')
  try {
    await work()
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
