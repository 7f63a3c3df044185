import type { Logger } from 'pino'
import { apiSchemas } from './api-schemas.js'
import { runBreachActions } from './breaches/breach-actions.js'
import type { CalendarCache } from './calendar/index.js'
import type { JobQueue } from './context.js'
import type { Db } from './db/database.js'
import { importCaseValidator } from './imports/import-validator.js'
import { type ImportWork, resumeImports, runQueuedImport } from './imports/import-worker.js'
import { startJobs } from './jobs/queue.js'
import { announceOverdueClocks } from './sla-clocks/overdue-clocks.js'
import type { DeliveryTuning } from './webhooks/delivery-lane.js'
import { startDeliveryWorker } from './webhooks/delivery-worker.js'
import type { WebhookSettings } from './webhooks/webhook-settings.js'

export const BREACH_ACTIONS_QUEUE = 'sla-breach-actions'
export const OVERDUE_CLOCKS_QUEUE = 'sla-overdue-clocks'
export const IMPORTS_QUEUE = 'imports'
export const IMPORTS_RESUME_QUEUE = 'imports-resume'

export interface BackgroundWork extends JobQueue {
  stop(): Promise<void>
}

/**
 * What an instance does besides answering requests: the minutely jobs on the queue (breach actions after
 * their grace period, overdue clocks announced in the feed, unfinished imports asked for again), the
 * imports handed to the queue, and webhook delivery. Several instances may
 * run it side by side; the queue and the delivery claims share the work through PostgreSQL.
 */
export async function startBackgroundWork(options: {
  db: Db
  connectionString: string
  log: Logger
  calendars: CalendarCache
  clock?: () => Date
  /** Working days a breach is known before the service acts on it (BREACH_ACTION_GRACE). */
  breachActionGraceWorkingDays: number
  pollingIntervalSeconds?: number
  /** The webhook settings; without them, or with `deliver: false`, this instance delivers none. */
  webhooks?: WebhookSettings & { tuning?: Partial<DeliveryTuning>; deliver?: boolean }
}): Promise<BackgroundWork> {
  const { db, log, calendars } = options
  const imports: ImportWork = { db, log, calendars, clock: options.clock ?? (() => new Date()), validate: importCaseValidator(apiSchemas) }
  const jobs = await startJobs({
    connectionString: options.connectionString,
    log,
    clock: options.clock,
    pollingIntervalSeconds: options.pollingIntervalSeconds,
    breachActionsQueue: BREACH_ACTIONS_QUEUE,
    minutely: [
      {
        queue: BREACH_ACTIONS_QUEUE,
        done: 'breach actions run',
        run: (now) => runBreachActions(db, now, { graceWorkingDays: options.breachActionGraceWorkingDays, calendars }),
      },
      { queue: OVERDUE_CLOCKS_QUEUE, done: 'overdue clocks announced', run: (now) => announceOverdueClocks(db, now) },
      { queue: IMPORTS_RESUME_QUEUE, done: 'unfinished imports asked for again', run: (_now, queue) => resumeImports(db, queue) },
    ],
    imports: { queue: IMPORTS_QUEUE, run: (id, queue) => runQueuedImport(imports, queue, id) },
  })
  const webhooks =
    options.webhooks && options.webhooks.deliver !== false
      ? await startDeliveryWorker({ db, log, settings: options.webhooks, tuning: options.webhooks.tuning, connectionString: options.connectionString })
      : null
  return {
    requestBreachActions: (executeSql) => jobs.requestBreachActions(executeSql),
    requestImport: (executeSql, importId) => jobs.requestImport(executeSql, importId),
    async stop() {
      await webhooks?.stop()
      await jobs.stop()
    },
  }
}
