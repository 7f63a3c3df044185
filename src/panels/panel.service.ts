import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { allocateLockedRequest } from '../allocations/allocation.service.js'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { PanelRow } from '../db/tables/panel.table.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidField, invalidReference } from '../http/problems.js'
import { lockCase } from '../service-requests/service-request.lifecycle.js'
import { decideLockedRequest, recordPanelOfRequest } from '../service-requests/service-request.service.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { usableTeam } from '../teams/team.service.js'
import { decisionsOfPanels, findPanelById, insertPanel, insertPanelDecisions, listPanels } from './panel.repository.js'
import type { PanelCreate, PanelDecisionCreate } from './panel.schemas.js'

export { findPanelById, listPanels }

type Trx = Transaction<Database>

export async function presentPanels(db: Db, rows: PanelRow[]) {
  const decisions = await decisionsOfPanels(
    db,
    rows.map((r) => r.id),
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({
    ...row,
    decisions: decisions.filter((d) => d.panelId === row.id).map(({ panelId: _p, createdAt: _a, ...d }) => d),
  }))
}

/** The shape of each decision, before anything is locked: what it needs and what it may not carry. */
function checkDecisions(decisions: PanelDecisionCreate[]) {
  const seen = new Set<string>()
  decisions.forEach((d, i) => {
    const at = `decisions[${i}]`
    if (seen.has(d.serviceRequestId)) throw invalidField(`${at}.serviceRequestId`, 'names a request already decided at this panel')
    seen.add(d.serviceRequestId)
    if (d.decision === 'allocated' && !d.practitionerId)
      throw invalidField(`${at}.practitionerId`, 'names the co-ordinator or practitioner the request is allocated to')
    if (d.decision !== 'allocated' && (d.practitionerId || d.coWorkerIds || d.override))
      throw invalidField(`${at}.practitionerId`, 'is given only when the panel allocates the request')
    if ((d.decision === 'declined' || d.decision === 'returned') && !d.reason) throw invalidField(`${at}.reason`, `is required to mark a request ${d.decision}`)
  })
}

/**
 * Carries out one decision on a locked request at the panel's time: accepting a received request first
 * where it is allocated (the panel is its screening, 001 §3), then allocating it to the named person.
 * Returns the allocation it made, if any.
 */
async function carryOut(trx: Trx, ctx: ChangeContext, panel: PanelRow, d: PanelDecisionCreate, i: number): Promise<string | null> {
  const field = `decisions[${i}].`
  let request = await lockCase(trx, d.serviceRequestId)
  if (!request || request.teamId !== panel.teamId)
    throw invalidReference(`${field}serviceRequestId`, `service request ${d.serviceRequestId} of the panel’s team`)
  const decidedAt = panel.heldAt.toISOString()
  const decidedBy = `${panel.chairedBy} (${panel.minutesReference})`
  let allocationId: string | null = null
  if (d.decision === 'deferred') {
    if (request.status !== 'received' && request.status !== 'accepted')
      throw conflict(`Request ${request.id} is ${request.status}; only an undecided or unallocated request is deferred`)
  } else {
    if (d.decision !== 'allocated' || request.status === 'received') {
      const decision = d.decision === 'allocated' ? 'accepted' : d.decision
      const moved = await decideLockedRequest(
        trx,
        ctx,
        request,
        { decision, decidedAt, decidedBy, reason: d.reason },
        { panelId: panel.id, field, timeField: 'heldAt' },
      )
      await recordAndApply(trx, ctx, [moved.event])
      request = moved.row
    }
    if (d.decision === 'allocated' && d.practitionerId) {
      const allocation = await allocateLockedRequest(
        trx,
        ctx,
        request,
        {
          serviceRequestId: request.id,
          practitionerId: d.practitionerId,
          coWorkerIds: d.coWorkerIds,
          override: d.override,
          allocatedAt: decidedAt,
          allocatedBy: decidedBy,
        },
        field,
        'heldAt',
      )
      allocationId = allocation.id
    }
    await recordPanelOfRequest(trx, ctx, request, panel.id)
  }
  await recordEvents(trx, ctx, [
    {
      type: 'panel.request-decided',
      subjectType: 'panel',
      subjectId: panel.id,
      familyId: request.familyId,
      teamId: panel.teamId,
      serviceRequestId: request.id,
      occurredAt: panel.heldAt,
      data: { kind: panel.kind, decision: d.decision, practitionerId: d.practitionerId ?? null, allocationId, minutesReference: panel.minutesReference },
    },
  ])
  return allocationId
}

/**
 * A panel or allocation meeting (001 §3; 000 §8) with its decisions, in one change: each request decided
 * carries the panel's id, each allocation it makes starts its clocks at the meeting's time. Requests are
 * locked in id order, so two meetings deciding the same requests cannot deadlock.
 */
export async function createPanel(db: Db, ctx: ChangeContext, input: PanelCreate) {
  const team = await usableTeam(db, ctx.caller, input.teamId)
  checkDecisions(input.decisions)
  const heldAt = eventTime(ctx.now, 'heldAt', input.heldAt)
  const row = await runInTransaction(db, async (trx) => {
    const panel = await insertPanel(
      trx,
      {
        id: uuidv7(),
        teamId: team.id,
        kind: input.kind,
        heldAt,
        chairedBy: input.chairedBy,
        attendees: JSON.stringify(input.attendees),
        minutesReference: input.minutesReference,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    const order = input.decisions.map((d, i) => ({ d, i })).sort((a, b) => a.d.serviceRequestId.localeCompare(b.d.serviceRequestId))
    const made = new Map<number, string | null>()
    for (const { d, i } of order) made.set(i, await carryOut(trx, ctx, panel, d, i))
    await insertPanelDecisions(
      trx,
      input.decisions.map((d, i) => ({
        id: uuidv7(),
        panelId: panel.id,
        serviceRequestId: d.serviceRequestId,
        decision: d.decision,
        practitionerId: d.practitionerId ?? null,
        allocationId: made.get(i) ?? null,
        reason: d.reason ?? null,
      })),
      ctx.now,
    )
    await recordEvents(trx, ctx, [
      {
        type: 'panel.held',
        subjectType: 'panel',
        subjectId: panel.id,
        teamId: panel.teamId,
        occurredAt: heldAt,
        data: { kind: panel.kind, minutesReference: panel.minutesReference, requests: input.decisions.length },
      },
    ])
    return panel
  })
  return (await presentPanels(db, [row]))[0]
}
