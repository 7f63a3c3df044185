import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { ExecuteSql, JobQueue } from '../context.js'

/** The pg-boss queue that webhook deliveries used before they had a worker of their own; deleted at start. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-deliveries'

/** Work run every minute on one instance; the number it returns (what it did) is logged when not 0. */
export interface MinutelyJob {
  queue: string
  run: (now: Date, queue: JobQueue) => Promise<number>
  /** What the count is, for the log line: e.g. "breach actions run". */
  done: string
}

/** Imports are long: a job may run for hours before the queue counts it as lost. */
const IMPORT_JOB_EXPIRY_SECONDS = 6 * 3600
/** Imports one instance applies side by side (each holds one database connection while it runs). */
const IMPORT_WORKERS = 2
/** One request per import per minute at most: a request while one is waiting or running adds nothing. */
const IMPORT_REQUEST_SLOT_SECONDS = 60

export interface RunningJobs extends JobQueue {
  stop(): Promise<void>
}

/**
 * The job queue (pg-boss, in PostgreSQL), so several API instances can run side by side: each minutely
 * job runs every minute on one of them. Breach actions can also be asked for inside a change's
 * transaction, when it leaves one already due: that job exists only if the change commits; so can an
 * import, when its file is stored. What the jobs
 * do is given by whoever starts the queue (src/background.ts): the queue knows no resource.
 */
export async function startJobs(options: {
  connectionString: string
  log: Logger
  clock?: () => Date
  pollingIntervalSeconds?: number
  minutely: MinutelyJob[]
  /** The queue of `minutely` that `requestBreachActions` runs at once. */
  breachActionsQueue: string
  /** Applies the import `requestImport` asks for. */
  imports: { queue: string; run: (importId: string, queue: JobQueue) => Promise<void> }
}): Promise<RunningJobs> {
  const { log, clock = () => new Date() } = options
  const boss = new PgBoss({ connectionString: options.connectionString, schema: 'pgboss', max: 3 })
  boss.on('error', (err: Error) => log.error({ err: { message: err.message } }, 'job queue error'))
  await boss.start()
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2
  const queue: JobQueue = {
    async requestBreachActions(executeSql: ExecuteSql) {
      await boss.send(options.breachActionsQueue, {}, { db: { executeSql } })
    },
    async requestImport(executeSql: ExecuteSql, importId: string) {
      await boss.send(options.imports.queue, { importId }, { db: { executeSql }, singletonKey: importId, singletonSeconds: IMPORT_REQUEST_SLOT_SECONDS })
    },
  }
  for (const job of options.minutely) {
    await boss.createQueue(job.queue)
    await boss.schedule(job.queue, '* * * * *')
    await boss.work(job.queue, { pollingIntervalSeconds }, async () => {
      const count = await job.run(clock(), queue)
      if (count > 0) log.info({ count }, job.done)
    })
  }
  await boss.createQueue(options.imports.queue, { name: options.imports.queue, expireInSeconds: IMPORT_JOB_EXPIRY_SECONDS })
  for (let i = 0; i < IMPORT_WORKERS; i++) {
    await boss.work<{ importId: string }>(options.imports.queue, { pollingIntervalSeconds }, async ([job]) => {
      if (job) await options.imports.run(job.data.importId, queue)
    })
  }
  await boss.deleteQueue(WEBHOOK_DELIVERY_QUEUE)

  return {
    ...queue,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}
