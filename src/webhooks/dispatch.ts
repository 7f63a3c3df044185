import { sql, type Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { presentEvent } from '../events/event.routes.js'
import { feedEvents } from '../events/feed.repository.js'
import { recordEvents } from '../events/outbox.js'
import { signatureHeaders } from './signing.js'
import type { Attempt, WebhookSubscriptionRow } from './webhook.table.js'

const BATCH = 200

/** Puts a delivery on the job queue inside the given transaction: it exists only if that commits. */
export type EnqueueDelivery = (trx: Transaction<Database>, deliveryId: string) => Promise<void>

const wants = (sub: Pick<WebhookSubscriptionRow, 'eventTypes'>, type: string) => sub.eventTypes.includes('*') || sub.eventTypes.includes(type)

/**
 * Offers each active subscription the feed events after its cursor: a delivery row and a queued job per
 * matching event, and the cursor moved past every event looked at, all in one transaction. A crash
 * before the commit leaves the cursor where it was (the events are offered again); after it, the jobs
 * are in PostgreSQL and run when any instance is up. Returns how many deliveries were queued.
 */
export async function dispatchWebhooks(db: Db, enqueue: EnqueueDelivery): Promise<number> {
  const ids = await db.selectFrom('webhookSubscriptions').select('id').where('status', '=', 'active').execute()
  let queued = 0
  for (const { id } of ids) {
    for (;;) {
      const { scanned, count } = await db.transaction().execute(async (trx) => {
        const sub = await trx.selectFrom('webhookSubscriptions').selectAll().where('id', '=', id).where('status', '=', 'active').forUpdate().skipLocked().executeTakeFirst()
        if (!sub) return { scanned: 0, count: 0 }
        const events = await feedEvents(trx, { after: { tx: String(sub.afterTx), id: sub.afterEventId }, limit: BATCH, onlyTeamId: sub.teamId })
        if (events.length === 0) return { scanned: 0, count: 0 }
        const matching = events.filter((e) => wants(sub, e.type))
        const deliveries = matching.length === 0 ? [] : await trx.insertInto('webhookDeliveries')
          .values(matching.map((e) => ({ id: uuidv7(), subscriptionId: sub.id, eventId: e.id, eventType: e.type, status: 'pending' as const, attempts: '[]' })))
          .onConflict((oc) => oc.columns(['subscriptionId', 'eventId']).doNothing())
          .returning('id').execute()
        for (const d of deliveries) await enqueue(trx, d.id)
        const last = events[events.length - 1]
        await trx.updateTable('webhookSubscriptions').set({ afterTx: String(last.tx), afterEventId: last.id }).where('id', '=', sub.id).execute()
        return { scanned: events.length, count: deliveries.length }
      })
      queued += count
      if (scanned < BATCH) break
    }
  }
  return queued
}

export interface DeliveryOptions {
  now: () => Date
  /** Consecutive failed attempts after which a subscription is disabled. */
  disableAfter: number
  timeoutMs: number
}

export type DeliveryResult = 'delivered' | 'failed' | 'skipped'

/**
 * One attempt at a delivery: POSTs the event, signed, and logs the attempt. Throws after a failed
 * attempt that may be retried, so the queue retries it with exponential backoff; `finalAttempt` marks
 * the delivery failed instead. A subscription failing `disableAfter` times in a row is disabled, and
 * says why. The log keeps status codes and errors, never bodies, secrets or personal data.
 */
export async function deliverWebhook(db: Db, deliveryId: string, finalAttempt: boolean, options: DeliveryOptions): Promise<DeliveryResult> {
  const delivery = await db.selectFrom('webhookDeliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst()
  if (!delivery || delivery.status !== 'pending') return 'skipped'
  const sub = await db.selectFrom('webhookSubscriptions').selectAll().where('id', '=', delivery.subscriptionId).executeTakeFirstOrThrow()
  const now = options.now()
  if (sub.status !== 'active') {
    await db.updateTable('webhookDeliveries').set({ status: 'skipped', updatedAt: now }).where('id', '=', deliveryId).execute()
    return 'skipped'
  }
  const event = await db.selectFrom('events').selectAll().where('id', '=', delivery.eventId).executeTakeFirstOrThrow()
  const payload = presentEvent(event)
  const body = JSON.stringify({ type: event.type, timestamp: event.recordedAt.toISOString(), data: payload })
  const secrets = sub.secrets.filter((s) => !s.expiresAt || new Date(s.expiresAt) > now).map((s) => s.secret)
  const headers = signatureHeaders(secrets, `evt_${event.id}`, Math.floor(now.getTime() / 1000), body)
  const started = Date.now()
  let attempt: Attempt
  try {
    const res = await fetch(sub.url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'family-work-api-webhooks', ...headers }, body, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'manual' })
    await res.body?.cancel().catch(() => undefined)
    attempt = { at: now.toISOString(), statusCode: res.status, error: res.ok ? null : `HTTP ${res.status}`, durationMs: Date.now() - started }
  } catch (err) {
    attempt = { at: now.toISOString(), statusCode: null, error: (err as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed', durationMs: Date.now() - started }
  }
  const ok = attempt.error === null
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('webhookDeliveries').set({
      status: ok ? 'delivered' : finalAttempt ? 'failed' : 'pending',
      attempts: sql`attempts || ${JSON.stringify([attempt])}::jsonb` as never,
      deliveredAt: ok ? now : null, updatedAt: now,
    }).where('id', '=', deliveryId).execute()
    if (ok) {
      await trx.updateTable('webhookSubscriptions').set({ consecutiveFailures: 0 }).where('id', '=', sub.id).where('consecutiveFailures', '>', 0).execute()
      return
    }
    const updated = await trx.updateTable('webhookSubscriptions').set((eb) => ({ consecutiveFailures: eb('consecutiveFailures', '+', 1) }))
      .where('id', '=', sub.id).returning(['consecutiveFailures', 'status']).executeTakeFirstOrThrow()
    if (updated.status === 'active' && updated.consecutiveFailures >= options.disableAfter) {
      const reason = `Disabled after ${updated.consecutiveFailures} consecutive failed delivery attempts (last: ${attempt.error}) at ${now.toISOString()}; re-enable with PATCH status=active`
      await trx.updateTable('webhookSubscriptions').set((eb) => ({ status: 'disabled', disabledReason: reason, disabledAt: now, updatedAt: now, version: eb('version', '+', 1) })).where('id', '=', sub.id).execute()
      await recordEvents(trx, { caller: { keyId: null, role: 'admin', teamId: null, actingUser: 'system:webhooks' }, requestId: `webhook-delivery-${deliveryId}`, now }, [
        { type: 'webhook.disabled', subjectType: 'webhook_subscription', subjectId: sub.id, teamId: sub.teamId, data: { consecutiveFailures: updated.consecutiveFailures, lastError: attempt.error } },
      ])
    }
  })
  if (ok) return 'delivered'
  if (finalAttempt) return 'failed'
  throw new Error(`webhook delivery attempt failed: ${attempt.error}`)
}
