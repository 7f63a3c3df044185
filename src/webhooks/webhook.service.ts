import { v7 as uuidv7 } from 'uuid'
import type { Caller, ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { WebhookSubscriptionRow } from '../db/tables/webhook.table.js'
import { runInTransaction } from '../db/transaction.js'
import { encodePosition, feedHead } from '../events/feed.repository.js'
import { recordEvents } from '../events/outbox.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { invalidField, invalidReference, notFound, ProblemError } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { usableTeam } from '../teams/team.service.js'
import { countSigningSecrets, makeSigningSecret } from './signing-secrets.js'
import { checkResolvedTarget, checkTargetUrl, TargetRefusedError } from './target-policy.js'
import { deleteSubscription, findSubscription, insertSubscription, listSubscriptions, lockSubscription } from './webhook.repository.js'
import type { WebhookCreate, WebhookListFilters, WebhookUpdate } from './webhook.schemas.js'
import { changeSubscription } from './webhook-change.service.js'
import { resolveAllWith, type WebhookSettings } from './webhook-settings.js'

/** A URL as shown: without credentials (rows from before they were refused may still hold some). */
const withoutCredentials = (raw: string) => {
  const url = new URL(raw)
  url.username = ''
  url.password = ''
  return url.toString()
}

/** Never the secrets, the URL's credentials or the delivery machinery: `secret` is added once, when one is made. */
export const presentWebhook = (
  {
    secrets,
    afterTx,
    afterEventId,
    createdByKeyId: _c,
    updatedByKeyId: _u,
    nextAttemptAt: _n,
    leaseOwner: _o,
    leaseUntil: _l,
    url,
    ...row
  }: WebhookSubscriptionRow,
  now: Date,
) => ({
  ...row,
  url: withoutCredentials(url),
  deliveredThrough: encodePosition({ tx: String(afterTx), id: afterEventId }),
  signingSecrets: countSigningSecrets(secrets, now),
})

export function requireKey(settings: WebhookSettings): Buffer {
  if (!settings.secretKey)
    throw new ProblemError('service-unavailable', 'Webhooks need WEBHOOK_SECRET_KEY, which seals their signing secrets; the operator has not set it')
  return settings.secretKey
}

/** SSRF: the URL and every address its host resolves to now must be allowed (each delivery checks again). */
async function assertTarget(url: string, settings: WebhookSettings): Promise<void> {
  try {
    await checkResolvedTarget(checkTargetUrl(url, settings.policy), settings.policy, resolveAllWith(settings.lookup))
  } catch (error) {
    if (error instanceof TargetRefusedError) throw invalidField('url', error.message)
    throw error
  }
}

/** A new subscription receives what happens from now on (the feed's current head), of its team only when it has one. */
export async function createWebhook(db: Db, ctx: ChangeContext, settings: WebhookSettings, input: WebhookCreate) {
  const key = requireKey(settings)
  const scope = ctx.caller.teamId
  if (scope && input.teamId && input.teamId !== scope) throw invalidReference('teamId', `team ${input.teamId}`)
  const teamId = scope ?? input.teamId ?? null
  await assertTarget(input.url, settings)
  const id = uuidv7()
  const { secret, stored } = makeSigningSecret(key, id, ctx.now)
  const head = await feedHead(db)
  const row = await runInTransaction(db, async (trx) => {
    if (teamId) await usableTeam(trx, ctx.caller, teamId)
    const created = await insertSubscription(
      trx,
      { id, name: input.name, url: input.url, eventTypes: input.eventTypes, teamId, secrets: [stored], from: head },
      { keyId: ctx.caller.keyId, now: ctx.now },
    )
    await recordEvents(trx, ctx, [
      { type: 'webhook.created', subjectType: 'webhook_subscription', subjectId: id, teamId, data: { eventTypes: input.eventTypes } },
    ])
    return created
  })
  return { ...presentWebhook(row, ctx.now), secret }
}

export async function listWebhooks(db: Db, caller: Caller, query: WebhookListFilters, now: Date) {
  const { limit = 50, cursor } = query
  const page = toPage(await listSubscriptions(db, { after: decodeCursor(cursor), limit: limit + 1, onlyTeamId: caller.teamId }), limit)
  return { ...page, items: page.items.map((w) => presentWebhook(w, now)) }
}

export async function findWebhook(db: Db, caller: Caller, id: string, now: Date) {
  const row = await findSubscription(db, id, caller.teamId)
  if (!row) throw notFound(`Webhook ${id}`)
  return presentWebhook(row, now)
}

export async function updateWebhook(db: Db, ctx: ChangeContext, settings: WebhookSettings, id: string, patch: WebhookUpdate, expected: VersionCondition) {
  if (patch.url) await assertTarget(patch.url, settings)
  const row = await changeSubscription(
    db,
    ctx,
    id,
    expected,
    'webhook.updated',
    (current) => ({
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.url ? { url: patch.url } : {}),
      ...(patch.eventTypes ? { eventTypes: patch.eventTypes } : {}),
      ...(patch.status === 'active' && current.status !== 'active'
        ? { status: 'active', disabledReason: null, disabledAt: null, consecutiveFailures: 0, dueNow: true }
        : {}),
      ...(patch.status === 'disabled' && current.status !== 'disabled'
        ? { status: 'disabled', disabledReason: 'Disabled by an administrator', disabledAt: ctx.now }
        : {}),
    }),
    () => ({ fields: Object.keys(patch) }),
  )
  return presentWebhook(row, ctx.now)
}

/** Ends a subscription: nothing more is delivered, and its delivery log goes with it. */
export async function deleteWebhook(db: Db, ctx: ChangeContext, id: string, expected: VersionCondition): Promise<void> {
  await runInTransaction(db, async (trx) => {
    const current = await lockSubscription(trx, id, ctx.caller.teamId)
    if (!current) throw notFound(`Webhook ${id}`)
    assertVersion(current.version, expected)
    await deleteSubscription(trx, id)
    await recordEvents(trx, ctx, [
      { type: 'webhook.deleted', subjectType: 'webhook_subscription', subjectId: id, teamId: current.teamId, data: { name: current.name } },
    ])
  })
}
