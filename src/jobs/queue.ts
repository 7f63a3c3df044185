import { CompiledQuery, type Transaction } from 'kysely'
import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { runBreachActions } from '../sla-clocks/breach-actions.js'
import type { JobQueue } from './job-context.js'

export const BREACH_ACTIONS_QUEUE = 'sla-breach-actions'

export interface RunningJobs extends JobQueue {
  stop(): Promise<void>
}

/**
 * The job queue (pg-boss, in PostgreSQL), so several API instances can run side by side: breach actions
 * run every minute on one of them, and at once when a change leaves one already due. A job asked for
 * inside a change's transaction exists only if the change commits.
 */
export async function startJobs(options: { db: Db; connectionString: string; log: Logger; clock?: () => Date; pollingIntervalSeconds?: number }): Promise<RunningJobs> {
  const { db, log, clock = () => new Date() } = options
  const boss = new PgBoss({ connectionString: options.connectionString, schema: 'pgboss', max: 3 })
  boss.on('error', (err: Error) => log.error({ err: { message: err.message } }, 'job queue error'))
  await boss.start()
  await boss.createQueue(BREACH_ACTIONS_QUEUE)
  await boss.schedule(BREACH_ACTIONS_QUEUE, '* * * * *')
  await boss.work(BREACH_ACTIONS_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const acted = await runBreachActions(db, clock())
    if (acted > 0) log.info({ acted }, 'breach actions run')
  })
  return {
    async requestBreachActions(trx: Transaction<Database>) {
      const executeSql = async (text: string, values: unknown[]) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] })
      await boss.send(BREACH_ACTIONS_QUEUE, {}, { db: { executeSql } })
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  }
}
