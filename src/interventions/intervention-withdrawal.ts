import type { Transaction } from 'kysely'
import type { ChangeContext } from '../context.js'
import type { Database } from '../db/schema.js'
import { assertNotBefore } from '../http/event-time.js'
import type { WorkEvent } from '../sla-clocks/record-and-apply.js'
import { lockOpenInterventionOfRequest, updateIntervention } from './intervention.repository.js'
import { event, iso } from './intervention.rules.js'

/**
 * The family withdrew their consent to the service: the request's open intervention stops at `at`. Every
 * open clock of it closes by the verdict rules (cancelled before due, missed after), rather than being met
 * as an ending with its summary of work would (000 §6). The caller holds the case's lock.
 */
export async function stopInterventionOfRequest(trx: Transaction<Database>, ctx: ChangeContext, serviceRequestId: string, at: Date): Promise<WorkEvent[]> {
  const open = await lockOpenInterventionOfRequest(trx, serviceRequestId)
  if (!open) return []
  assertNotBefore('decidedAt', at, { at: open.startedAt, what: 'the intervention started' })
  const suspensions =
    open.status === 'suspended' ? open.suspensions.map((s, i) => (i === open.suspensions.length - 1 ? { ...s, resumedAt: iso(at) } : s)) : open.suspensions
  await updateIntervention(
    trx,
    open.id,
    {
      status: 'ended',
      endedAt: at,
      suspendedAt: null,
      suspensions: JSON.stringify(suspensions),
      ending: JSON.stringify({ reason: 'consent_withdrawn' }),
      version: open.version + 1,
      updatedByKeyId: ctx.caller.keyId,
    },
    ctx.now,
  )
  return [event(open, 'intervention.consent-withdrawn', at), event(open, 'intervention.ended', at, { reason: 'consent_withdrawn' })]
}
