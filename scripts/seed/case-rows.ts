/** The request and allocation rows of a simulated case, as its applied events left them. */
import type { Insertable } from 'kysely'
import type { AllocationsTable } from '../../src/db/tables/allocation.table.js'
import type { ServiceRequestsTable } from '../../src/db/tables/service-request.table.js'
import { ROUTES } from '../../src/service-requests/service-request.schemas.js'
import type { SimulatedCase } from './clock-records.js'
import type { Random } from './random.js'

const REQUESTER = { name: 'Synthetic Referrer', role: 'social_worker', organisation: 'Seed County Council' }

export function requestRow(rng: Random, sim: SimulatedCase, ordinal: number): Insertable<ServiceRequestsTable> {
  const { script, applied } = sim
  const mine = applied.filter((e) => e.subject.id === script.request.id)
  const decision = mine.find((e) => ['service-request.accepted', 'service-request.declined', 'service-request.returned'].includes(e.type))
  const ended = mine.find((e) => e.type === 'service-request.ended' || e.type === 'service-request.withdrawn')
  const status = ended
    ? ended.type === 'service-request.ended'
      ? 'ended'
      : 'withdrawn'
    : mine.some((e) => e.type === 'service-request.allocated')
      ? 'allocated'
      : decision
        ? (decision.type.split('.')[1] as 'accepted' | 'declined' | 'returned')
        : 'received'
  const last = mine[mine.length - 1]?.at ?? script.receivedAt
  const receivedAt = new Date(script.receivedAt)
  return {
    id: script.request.id,
    familyId: script.familyId,
    teamId: script.team.row.id,
    kind: 'intervention',
    route: rng.pick(ROUTES),
    focus: `Synthetic request ${ordinal} for a seeded family`,
    targetOutcomes: JSON.stringify(['Synthetic outcome']),
    requestedBy: JSON.stringify(REQUESTER),
    consent: JSON.stringify(
      !script.team.preset.policy.consentAtRequest ? null : { given: true, recordedAt: receivedAt.toISOString(), recordedBy: REQUESTER.name },
    ),
    receivedAt,
    status,
    decision: decision
      ? JSON.stringify({
          decision: decision.type.split('.')[1],
          decidedAt: new Date(decision.at).toISOString(),
          decidedBy: 'Synthetic Screener',
          reason: decision.reason ?? null,
        })
      : null,
    endedReason: ended?.reason ?? null,
    endedAt: ended ? new Date(ended.at) : null,
    version: mine.length,
    createdAt: receivedAt,
    updatedAt: new Date(last),
  }
}

export function allocationRow(sim: SimulatedCase): Insertable<AllocationsTable> | null {
  const created = sim.applied.find((e) => e.type === 'allocation.created')
  if (!created) return null
  const mine = sim.applied.filter((e) => e.subject.id === created.subject.id)
  const at = (type: string) => mine.find((e) => e.type === type)?.at
  const step = (type: string, field = 'heldAt', extra: Record<string, string> = {}) => {
    const t = at(type)
    return t === undefined ? null : JSON.stringify({ ...extra, [field]: new Date(t).toISOString() })
  }
  const ended = mine.find((e) => e.type === 'allocation.ended')
  const { practitionerId } = created.work
  if (!practitionerId) throw new Error(`The simulated allocation ${created.subject.id} has no practitioner`)
  return {
    id: created.subject.id,
    serviceRequestId: sim.script.request.id,
    familyId: sim.script.familyId,
    teamId: sim.script.team.row.id,
    practitionerId,
    coWorkerIds: '[]',
    allocatedAt: new Date(created.at),
    allocatedBy: 'Synthetic Team Manager',
    status: ended ? 'ended' : 'active',
    endedAt: ended ? new Date(ended.at) : null,
    endedReason: ended?.reason ?? null,
    caseDiscussion: step('allocation.case-discussion-held'),
    jointVisit: step('allocation.joint-visit-held'),
    initialVisit: step('allocation.initial-visit-held'),
    planSignOff: step('allocation.plan-signed-off', 'signedOffAt', { signedOffBy: 'Synthetic Co-ordinator' }),
    version: mine.length,
    createdAt: new Date(created.at),
    updatedAt: new Date(mine[mine.length - 1].at),
  }
}
