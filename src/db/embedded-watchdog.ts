import type { Logger } from 'pino'
import type { EmbeddedCluster } from './embedded.js'

const CHECK_EVERY_MS = 1_000

/**
 * Restarts the embedded PostgreSQL when its postmaster dies (killed, or crashed), checking once a second.
 * Until it is back, requests get 503 and `/health/ready` says so; the pool reconnects by itself. A restart
 * that fails (a dead postmaster's children still holding its shared memory, for a moment) is tried again
 * at the next check. An external database (`DATABASE_URL`) is its operator's to supervise.
 */
export function watchEmbeddedPostgres(cluster: EmbeddedCluster, log: Logger, checkEveryMs = CHECK_EVERY_MS): { stop: () => Promise<void> } {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> = Promise.resolve()
  const check = async () => {
    if (await cluster.isRunning()) return
    if (stopped) return
    log.error('the embedded PostgreSQL is not running; restarting it')
    try {
      await cluster.restart()
      log.warn('the embedded PostgreSQL was restarted')
    } catch (err) {
      log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'the embedded PostgreSQL did not restart; trying again')
    }
  }
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(() => {
      current = check().finally(schedule)
    }, checkEveryMs)
    timer.unref()
  }
  schedule()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await current.catch(() => undefined)
    },
  }
}
