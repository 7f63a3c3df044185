import { CompiledQuery, type Transaction } from 'kysely'
import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { runBreachActions } from '../sla-clocks/breach-actions.js'
import { deliverWebhook, dispatchWebhooks, type EnqueueDelivery } from '../webhooks/dispatch.js'
import { announceOverdueClocks } from './overdue-clocks.js'
import type { JobQueue } from './job-context.js'

export const BREACH_ACTIONS_QUEUE = 'sla-breach-actions'
export const OVERDUE_CLOCKS_QUEUE = 'sla-overdue-clocks'
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-deliveries'

export interface WebhookJobOptions {
  /** Attempts after the first (default 8: about 8 minutes of backoff with the default delay). */
  retryLimit?: number
  /** Base of the exponential backoff, in seconds (default 2). */
  retryDelaySeconds?: number
  /** Consecutive failed attempts that disable a subscription (default 20). */
  disableAfter?: number
  /** How often this instance looks for new events to deliver (default 1000 ms). */
  dispatchIntervalMs?: number
  timeoutMs?: number
  /** false: queue deliveries but run none (an instance that only dispatches, or a test's dying process). */
  deliver?: boolean
}

export interface RunningJobs extends JobQueue {
  stop(): Promise<void>
}

/**
 * The job queue (pg-boss, in PostgreSQL), so several API instances can run side by side: breach actions
 * run every minute on one of them, and at once when a change leaves one already due. A job asked for
 * inside a change's transaction exists only if the change commits.
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

  // Webhooks: the dispatcher queues deliveries in the transaction that moves each subscription's cursor;
  // pg-boss runs them with exponential backoff. Several instances may dispatch: subscriptions are claimed with SKIP LOCKED.
  const hooks = { retryLimit: 8, retryDelaySeconds: 2, disableAfter: 20, dispatchIntervalMs: 1000, timeoutMs: 10_000, deliver: true, ...options.webhooks }
  await boss.createQueue(WEBHOOK_DELIVERY_QUEUE)
  const enqueue: EnqueueDelivery = async (trx, deliveryId) => {
    const executeSql = async (text: string, values: unknown[]) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] })
    await boss.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId }, { db: { executeSql }, retryLimit: hooks.retryLimit, retryDelay: hooks.retryDelaySeconds, retryBackoff: true, expireInSeconds: Math.ceil(hooks.timeoutMs / 1000) + 30 })
  }
  if (hooks.deliver) {
    await boss.work<{ deliveryId: string }>(WEBHOOK_DELIVERY_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, includeMetadata: true }, async ([job]) => {
      const result = await deliverWebhook(db, job.data.deliveryId, job.retryCount >= job.retryLimit, { now: clock, disableAfter: hooks.disableAfter, timeoutMs: hooks.timeoutMs })
      if (result === 'failed') log.warn({ deliveryId: job.data.deliveryId }, 'webhook delivery failed for good')
    })
  }
  let dispatching: Promise<unknown> | null = null
  const dispatchTimer = setInterval(() => {
    if (dispatching) return
    dispatching = dispatchWebhooks(db, enqueue)
      .catch((err: Error) => log.error({ err: { message: err.message } }, 'webhook dispatch failed'))
      .finally(() => { dispatching = null })
  }, hooks.dispatchIntervalMs)
  dispatchTimer.unref()

  return {
    async requestBreachActions(trx: Transaction<Database>) {
      const executeSql = async (text: string, values: unknown[]) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] })
      await boss.send(BREACH_ACTIONS_QUEUE, {}, { db: { executeSql } })
    },
    async stop() {
      clearInterval(dispatchTimer)
      await dispatching
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}
