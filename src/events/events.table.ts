import type { ColumnType } from 'kysely'

declare module '../db/schema.js' {
  interface EventsTable {
    /** The writing transaction's id (xid8, as a decimal string); set by its default. */
    tx: ColumnType<string, never, never>
  }
}

export {}
