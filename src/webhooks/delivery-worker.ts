import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { claimDueSubscriptions, releaseSubscription } from './delivery.repository.js'
import { type DeliveryTuning, runLane } from './delivery-lane.js'
import { listenForEvents } from './events-written.js'
import { createFeedReader } from './feed-reader.js'
import { sealPlainSecrets } from './signing-secrets.js'
import { createWebhookClient } from './webhook-client.js'
import type { WebhookSettings } from './webhook-settings.js'

export const DEFAULT_TUNING: DeliveryTuning = {
  pollIntervalMs: 200,
  retryDelaySeconds: 2,
  maxRetryDelaySeconds: 600,
  disableAfter: 20,
  leaseMarginMs: 30_000,
  batchSize: 100,
  flushEvery: 50,
  flushIntervalMs: 500,
  yieldAfterMs: 5_000,
  lingerMs: 1_000,
}

/** After a lane fails unexpectedly (the database went away), its subscription waits this long. */
const LANE_ERROR_RETRY_MS = 5_000
/** Notifications closer together than this wake the lanes once, so that busy writers cost a read per lane per interval, not per event. */
const WAKE_EVERY_MS = 100

export interface DeliveryWorker {
  stop(): Promise<void>
}

/**
 * Webhook delivery for one instance: every `pollIntervalMs` it claims subscriptions that have events
 * to deliver, up to `concurrency` at a time, and runs a lane for each (delivery-lane.ts). A lane holds
 * only its own subscription, so a receiver that hangs until the timeout holds one lane and no other.
 * Instances side by side share the work through the claims in PostgreSQL; no two live instances hold
 * the same subscription, so each event is delivered once, and again only after a crash (at least once).
 * With `connectionString`, it also listens for transactions that write events and starts at once.
 */
export async function startDeliveryWorker(options: {
  db: Db
  log: Logger
  settings: WebhookSettings
  tuning?: Partial<DeliveryTuning>
  connectionString?: string
}): Promise<DeliveryWorker> {
  const { db, log, settings } = options
  const key = settings.secretKey
  if (!key) {
    log.warn('WEBHOOK_SECRET_KEY is not set: webhooks are not delivered (and cannot be created) until it is')
    return { stop: async () => undefined }
  }
  const sealed = await sealPlainSecrets(db, key)
  if (sealed > 0) log.info({ subscriptions: sealed }, 'webhook signing secrets sealed with WEBHOOK_SECRET_KEY')

  const tuning = { ...DEFAULT_TUNING, ...options.tuning }
  const owner = randomUUID()
  const leaseMs = 2 * settings.timeoutMs + tuning.leaseMarginMs
  const client = createWebhookClient(settings)
  const stopping = new AbortController()
  const lanes = new Set<Promise<void>>()
  let waiting: (() => void)[] = []
  const wake = () => {
    feed.invalidate()
    const woken = waiting
    waiting = []
    for (const resume of woken) resume()
  }
  const nextWake = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms)
      waiting.push(() => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  const mayLinger = () => lanes.size < settings.concurrency
  const feed = createFeedReader(db, tuning.batchSize)
  const context = { db, feed, client, key, owner, leaseMs, tuning, signal: stopping.signal, log, mayLinger, nextWake }

  let ticking = false
  let again = false
  const tick = async () => {
    if (ticking) {
      again = true
      return
    }
    ticking = true
    try {
      do {
        again = false
        const free = settings.concurrency - lanes.size
        if (free <= 0 || stopping.signal.aborted) break
        for (const sub of await claimDueSubscriptions(db, owner, free, leaseMs)) {
          const lane: Promise<void> = runLane(context, sub)
            .catch(async (err: Error) => {
              log.error({ err: { message: err.message }, subscriptionId: sub.id }, 'webhook lane failed')
              await releaseSubscription(db, sub.id, owner, LANE_ERROR_RETRY_MS).catch(() => undefined)
            })
            .finally(() => {
              lanes.delete(lane)
              if (!stopping.signal.aborted) void tick()
            })
          lanes.add(lane)
        }
      } while (again)
    } catch (err) {
      log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'webhook claim failed')
    } finally {
      ticking = false
    }
  }
  const poll = () => {
    wake()
    void tick()
  }
  let listening: Awaited<ReturnType<typeof listenForEvents>> | null = null
  // Lanes waiting for events are woken by notifications when there are any, else by the poll.
  const timer = setInterval(() => {
    if (!listening) return poll()
    feed.invalidate()
    void tick()
  }, tuning.pollIntervalMs)
  timer.unref()
  let lastWake = 0
  let trailing: NodeJS.Timeout | null = null
  const onWritten = () => {
    const since = performance.now() - lastWake
    if (since >= WAKE_EVERY_MS) {
      lastWake = performance.now()
      poll()
    } else {
      trailing ??= setTimeout(() => {
        trailing = null
        lastWake = performance.now()
        poll()
      }, WAKE_EVERY_MS - since)
    }
  }
  if (options.connectionString) listening = await listenForEvents(options.connectionString, onWritten, log)
  void tick()

  return {
    async stop() {
      clearInterval(timer)
      await listening?.close()
      if (trailing) clearTimeout(trailing)
      stopping.abort()
      wake()
      while (ticking || lanes.size > 0) {
        await Promise.allSettled([...lanes])
        if (ticking) await new Promise((resolve) => setTimeout(resolve, 10))
      }
      await client.close()
    },
  }
}
