import type { Transaction } from 'kysely'
import type { Database } from '../db/schema.js'

/** What changes need from the job queue: to ask, inside their transaction, for breach actions to run. */
export interface JobQueue {
  requestBreachActions(trx: Transaction<Database>): Promise<void>
}
