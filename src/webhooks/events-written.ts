import pg from 'pg'
import type { Logger } from 'pino'

/** The channel a trigger on the outbox notifies once per transaction that writes events (migration 0007). */
export const EVENTS_WRITTEN_CHANNEL = 'events_written'
const RECONNECT_MS = 1_000

/**
 * Calls `onWritten` whenever a transaction that wrote events commits, over a connection of its own
 * (LISTEN), reconnecting after a loss. Only a hint that makes delivery prompt: polling still finds
 * whatever a lost notification would have announced.
 */
export async function listenForEvents(connectionString: string, onWritten: () => void, log: Logger): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | null = null
  let closed = false
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString })
    next.on('error', (err) => log.warn({ err: { message: err.message } }, 'event notifications lost; reconnecting'))
    next.on('notification', () => onWritten())
    next.on('end', () => {
      if (!closed) setTimeout(() => void connect(), RECONNECT_MS).unref()
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${EVENTS_WRITTEN_CHANNEL}`)
      client = next
    } catch (err) {
      log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'cannot listen for event notifications; polling only until it can')
      await next.end().catch(() => undefined)
    }
  }
  await connect()
  return {
    async close() {
      closed = true
      await client?.end().catch(() => undefined)
    },
  }
}
