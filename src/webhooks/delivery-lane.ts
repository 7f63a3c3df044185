import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import type { Attempt, WebhookSubscriptionRow } from '../db/tables/webhook.table.js'
import { presentEvent } from '../events/event.routes.js'
import type { FeedPosition } from '../events/feed.repository.js'
import { type LoggedAttempt, releaseSubscription, saveProgress } from './delivery.repository.js'
import { recordFailedAttempt } from './delivery-failure.js'
import type { FeedEvent, FeedReader } from './feed-reader.js'
import { signatureHeaders } from './signing.js'
import { signingSecrets } from './signing-secrets.js'
import type { AttemptOutcome, WebhookClient } from './webhook-client.js'

export interface DeliveryTuning {
  /** How often an instance looks for subscriptions with events to deliver. */
  pollIntervalMs: number
  /** Backoff after the n-th consecutive failure: retryDelaySeconds * 2^(n-1), at most maxRetryDelaySeconds. */
  retryDelaySeconds: number
  maxRetryDelaySeconds: number
  /** Consecutive failed attempts that disable a subscription (its backlog is kept). */
  disableAfter: number
  /** Added to twice the delivery timeout to make the lease: how long a dead instance's claim lasts. */
  leaseMarginMs: number
  /** Events read from the feed at a time. */
  batchSize: number
  /** The cursor is saved after this many deliveries, or this long after it was last saved. */
  flushEvery: number
  flushIntervalMs: number
  /** A lane hands its subscription back after this long, so that others waiting get a turn. */
  yieldAfterMs: number
  /** A caught-up lane waits this long for new events before handing its subscription back, while a slot is free. */
  lingerMs: number
}

export interface LaneContext {
  db: Db
  feed: FeedReader
  client: WebhookClient
  key: Buffer
  owner: string
  leaseMs: number
  tuning: DeliveryTuning
  /** Aborted when the instance stops: an unfinished attempt is dropped, not counted. */
  signal: AbortSignal
  log: Logger
  /** Whether a caught-up lane may keep its slot: true while the instance has a free one. */
  mayLinger: () => boolean
  /** Resolves true when new events may have been written (or the instance stops), false after `ms`. */
  nextWake: (ms: number) => Promise<boolean>
}

type EventRow = FeedEvent

const positionOf = (e: EventRow): FeedPosition => ({ tx: String(e.tx), id: e.id })
const wants = (sub: WebhookSubscriptionRow, e: EventRow) =>
  (sub.teamId === null || e.teamId === sub.teamId) && (sub.eventTypes.includes('*') || sub.eventTypes.includes(e.type))

/**
 * A change to the subscription (new URL, event types, status or secret; deletion) is an event in the
 * feed, written with the change. Events before it are delivered as the subscription was; at it, the lane
 * stops and the subscription is claimed again as it now is. So a change takes effect at its place in the
 * feed, and nothing after it goes to an old URL. `version` tells a change already seen at the claim.
 */
const changesThis = (sub: WebhookSubscriptionRow, e: EventRow) =>
  e.subjectType === 'webhook_subscription' && e.subjectId === sub.id && (e.type === 'webhook.deleted' || Number(e.data.version) > sub.version)

/**
 * Delivers one claimed subscription's events in feed order, one at a time, and moves its cursor past
 * each event only once it is delivered (or is not for this subscription). The cursor is saved every
 * few deliveries, so a crash between a delivery and the save delivers that event again: at least once.
 * A failed attempt stops the lane: the subscription backs off, keeping its place, and is disabled after
 * `disableAfter` failures in a row. A caught-up lane waits a little for new events while its instance
 * has slots to spare, which keeps delivery prompt without claiming again for each event. Returns when
 * the subscription is caught up, failing, changed or lost, or has had its turn.
 */
export async function runLane(ctx: LaneContext, sub: WebhookSubscriptionRow): Promise<void> {
  const { db, tuning } = ctx
  let saved: FeedPosition = { tx: String(sub.afterTx), id: sub.afterEventId }
  let cursor = saved
  let delivered: LoggedAttempt[] = []
  let savedAt = performance.now()
  const started = savedAt
  let firstRead = true
  let secrets: string[] | null = null

  /** Saves the cursor and the log; false when the subscription was changed, replayed or taken meanwhile. */
  const save = async (): Promise<boolean> => {
    if (cursor === saved && delivered.length === 0) return true
    const held = await saveProgress(db, { id: sub.id, owner: ctx.owner, from: saved, to: cursor, leaseMs: ctx.leaseMs, now: new Date() }, delivered)
    saved = cursor
    delivered = []
    savedAt = performance.now()
    return held
  }

  const attempt = async (event: EventRow): Promise<{ at: string; outcome: AttemptOutcome | null }> => {
    const now = new Date()
    try {
      secrets ??= signingSecrets(ctx.key, sub.id, sub.secrets, now)
    } catch (error) {
      return {
        at: now.toISOString(),
        outcome: { statusCode: null, error: `signing secret unreadable: ${error instanceof Error ? error.message : String(error)}`, durationMs: 0 },
      }
    }
    const body = JSON.stringify({ type: event.type, timestamp: event.recordedAt.toISOString(), data: presentEvent(event) })
    // Receivers reject old timestamps, so the signature carries the real time.
    const headers = signatureHeaders(secrets, `evt_${event.id}`, Math.floor(now.getTime() / 1000), body)
    const outcome = await ctx.client.post(
      sub.url,
      { 'content-type': 'application/json', 'user-agent': 'family-work-api-webhooks', ...headers },
      body,
      ctx.signal,
    )
    return { at: now.toISOString(), outcome }
  }

  const fail = (event: EventRow, failed: Attempt) =>
    recordFailedAttempt(ctx, sub, {
      from: saved,
      to: cursor,
      delivered,
      failed: { eventId: event.id, eventType: event.type, attempt: failed, delivered: false },
    })

  for (;;) {
    // A lane's first read is its own: what was kept may predate the claim.
    const { events, more } = await ctx.feed.read(cursor, firstRead)
    firstRead = false
    for (const event of events) {
      if (changesThis(sub, event)) {
        await save()
        return finish(0)
      }
      if (!wants(sub, event)) {
        cursor = positionOf(event)
        continue
      }
      const { at, outcome } = await attempt(event)
      if (outcome === null) return finish(0)
      const logged = { at, ...outcome }
      if (outcome.error !== null) return fail(event, logged)
      delivered.push({ eventId: event.id, eventType: event.type, attempt: logged, delivered: true })
      cursor = positionOf(event)
      const due = delivered.length >= tuning.flushEvery || performance.now() - savedAt >= tuning.flushIntervalMs
      if ((due || ctx.signal.aborted) && !(await save())) return finish(0)
      if (ctx.signal.aborted) return finish(0)
    }
    if (!(await save())) return finish(0)
    if (performance.now() - started > tuning.yieldAfterMs) return finish(0)
    if (!more) {
      if (!ctx.mayLinger() || !(await ctx.nextWake(tuning.lingerMs)) || ctx.signal.aborted) return finish(0)
    }
  }

  async function finish(retryInMs: number) {
    await releaseSubscription(db, sub.id, ctx.owner, retryInMs)
  }
}
