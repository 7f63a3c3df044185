import { CompiledQuery, type Transaction } from 'kysely'
import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { runBreachActions } from '../sla-clocks/breach-actions.js'
import type { DeliveryTuning } from '../webhooks/delivery-lane.js'
import { startDeliveryWorker } from '../webhooks/delivery-worker.js'
import type { WebhookSettings } from '../webhooks/webhook-settings.js'
import { announceOverdueClocks } from './overdue-clocks.js'
import type { JobQueue } from './job-context.js'

export const BREACH_ACTIONS_QUEUE = 'sla-breach-actions'
export const OVERDUE_CLOCKS_QUEUE = 'sla-overdue-clocks'
/** The pg-boss queue that webhook deliveries used before they had a worker of their own. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-deliveries'

export interface WebhookJobOptions extends WebhookSettings {
  tuning?: Partial<DeliveryTuning>
  /** false: this instance delivers no webhooks. */
  deliver?: boolean
}

export interface RunningJobs extends JobQueue {
  stop(): Promise<void>
}

/**
 * The job queue (pg-boss, in PostgreSQL), so several API instances can run side by side: breach actions
 * run every minute on one of them, and at once when a change leaves one already due. A job asked for
 * inside a change's transaction exists only if the change commits. Webhooks are delivered by their own
 * worker (src/webhooks/delivery-worker.ts), in order per subscription, shared between instances the same way.
 */
export async function startJobs(options: {
  db: Db; connectionString: string; log: Logger; clock?: () => Date; pollingIntervalSeconds?: number; webhooks?: WebhookJobOptions
  /** Working days a breach is known before the service acts on it (BREACH_ACTION_GRACE). */
  breachActionGraceWorkingDays?: number
}): Promise<RunningJobs> {
  const { db, log, clock = () => new Date(), breachActionGraceWorkingDays = 1 } = options
  const boss = new PgBoss({ connectionString: options.connectionString, schema: 'pgboss', max: 3 })
  boss.on('error', (err: Error) => log.error({ err: { message: err.message } }, 'job queue error'))
  await boss.start()
  await boss.createQueue(BREACH_ACTIONS_QUEUE)
  await boss.schedule(BREACH_ACTIONS_QUEUE, '* * * * *')
  await boss.work(BREACH_ACTIONS_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const acted = await runBreachActions(db, clock(), { graceWorkingDays: breachActionGraceWorkingDays })
    if (acted > 0) log.info({ acted }, 'breach actions run')
  })
  // Overdue clocks are announced in the feed every minute, on one instance.
  await boss.createQueue(OVERDUE_CLOCKS_QUEUE)
  await boss.schedule(OVERDUE_CLOCKS_QUEUE, '* * * * *')
  await boss.work(OVERDUE_CLOCKS_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const announced = await announceOverdueClocks(db, clock())
    if (announced > 0) log.info({ announced }, 'overdue clocks announced')
  })

  // Deliveries were pg-boss jobs before they became per-subscription lanes; the old queue goes.
  await boss.deleteQueue(WEBHOOK_DELIVERY_QUEUE)
  const webhooks = options.webhooks && options.webhooks.deliver !== false
    ? await startDeliveryWorker({ db, log, settings: options.webhooks, tuning: options.webhooks.tuning, connectionString: options.connectionString })
    : null

  return {
    async requestBreachActions(trx: Transaction<Database>) {
      const executeSql = async (text: string, values: unknown[]) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] })
      await boss.send(BREACH_ACTIONS_QUEUE, {}, { db: { executeSql } })
    },
    async stop() {
      await webhooks?.stop()
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}
