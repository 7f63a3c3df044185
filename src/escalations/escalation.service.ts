import { v7 as uuidv7 } from 'uuid'
import { type Caller, type ChangeContext, type Role, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { EscalationRow } from '../db/tables/escalation.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertFamilyOfTeam, recordFamilyStep, usableFamily } from '../families/family.service.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { forbidden, invalidField, notFound } from '../http/problems.js'
import { slaBlock } from '../sla/index.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { usableTeam } from '../teams/team.service.js'
import { findEscalationById, findEscalationPage, findOpenStepUp, insertEscalation } from './escalation.repository.js'
import type { EscalationCreate, EscalationListFilters } from './escalation.schemas.js'
import { raisedEvents } from './escalation-events.js'
import { parentsInformed } from './parents-informed.js'

/** Who may raise each kind: practitioners raise disagreements and concerns; case systems record step up and down. */
const RAISERS: Record<EscalationRow['kind'], readonly Role[]> = {
  disagreement: ['manager', 'practitioner'],
  safeguarding_concern: ['manager', 'practitioner'],
  step_up: ['manager', 'integration'],
  step_down: ['manager', 'integration'],
}

export async function presentEscalations(db: Db, rows: EscalationRow[], view: View) {
  const blocks = await slaBlocksForSubjects(
    db,
    rows.map((r) => r.id),
    view,
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({ ...row, sla: blocks.get(row.id) ?? slaBlock(view.asOf, []) }))
}

export type PresentedEscalation = Awaited<ReturnType<typeof presentEscalations>>[number]

/** The escalation, if the caller may see it; else 404. */
export async function getEscalation(db: Db, caller: Caller, id: string, view: View) {
  const row = await findEscalationById(db, id)
  if (!row) throw notFound(`Escalation ${id}`)
  assertTeamVisible(caller, row.teamId, `Escalation ${id}`)
  return (await presentEscalations(db, [row], view))[0]
}

export async function listEscalations(db: Db, caller: Caller, query: EscalationListFilters, view: View) {
  const { limit = 50, cursor, asOf: _asOf, ...filters } = query
  const page = toPage(await findEscalationPage(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: caller.teamId }), limit)
  return { ...page, items: await presentEscalations(db, page.items, view) }
}

const required = <T>(field: string, value: T | undefined, kind: string): T => {
  if (value === undefined) throw invalidField(field, `is required for a ${kind}`)
  return value
}

type Raised = Pick<
  EscalationRow,
  'status' | 'level' | 'subject' | 'reason' | 'leadProfessional' | 'steps' | 'closedAt' | 'parentsInformed' | 'parentsNotInformedReason'
>

/**
 * What each kind records when raised (api.md): a disagreement its subject and level on the ladder; a
 * step-up its reason and the lead professional taking over; a step-down the new lead practitioner, complete
 * when recorded; a safeguarding concern its subject. 422 naming the field a kind needs.
 */
function raisedFields(input: EscalationCreate, raisedAt: Date): Raised {
  const { kind } = input
  if (kind !== 'disagreement' && input.level) throw invalidField('level', 'is for disagreements only')
  if (kind !== 'safeguarding_concern' && input.parentsInformed !== undefined) throw invalidField('parentsInformed', 'is for safeguarding concerns only')
  const base: Raised = {
    ...parentsInformed(input, null),
    status: 'open',
    level: null,
    subject: input.subject ?? null,
    reason: input.reason ?? null,
    leadProfessional: input.leadProfessional ?? null,
    steps: [],
    closedAt: null,
  }
  switch (kind) {
    case 'disagreement': {
      const subject = required('subject', input.subject, kind)
      const level = input.level ?? 'senior_practitioner'
      return { ...base, subject, level, steps: [{ level, at: raisedAt.toISOString(), by: input.raisedBy, notes: null }] }
    }
    case 'step_up': {
      const reason = required('reason', input.reason, 'step-up')
      return { ...base, reason, leadProfessional: required('leadProfessional', input.leadProfessional, 'step-up') }
    }
    case 'step_down':
      return { ...base, leadProfessional: required('leadProfessional', input.leadProfessional, 'step-down'), status: 'completed', closedAt: raisedAt }
    case 'safeguarding_concern':
      return { ...base, subject: required('subject', input.subject, 'safeguarding concern') }
  }
}

/**
 * Raises an escalation. A step-up is idempotent on the family's open step-up: asking again returns the
 * open one (`created: false`) rather than a second.
 */
export async function createEscalation(db: Db, ctx: ChangeContext, input: EscalationCreate): Promise<{ created: boolean; escalation: PresentedEscalation }> {
  const { role } = ctx.caller
  if (role !== 'admin' && !RAISERS[input.kind].includes(role)) throw forbidden(`The ${role} role may not raise a ${input.kind}`)
  const raisedAt = eventTime(ctx.now, 'raisedAt', input.raisedAt)
  const fields = raisedFields(input, raisedAt)
  const result = await runInTransaction(db, async (trx) => {
    const family = await usableFamily(trx, ctx.caller, input.familyId)
    const team = await usableTeam(trx, ctx.caller, input.teamId)
    assertFamilyOfTeam(family, team.id)
    const inserted = await insertEscalation(
      trx,
      {
        id: uuidv7(),
        kind: input.kind,
        familyId: family.id,
        teamId: team.id,
        raisedAt,
        raisedBy: input.raisedBy,
        ...fields,
        raisedWithManager: null,
        hubContacts: [],
        writtenFollowUpAt: null,
        outcome: null,
        feedback: null,
        resolution: null,
        finalDecision: null,
        withdrawal: null,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    if (!inserted) {
      const open = await findOpenStepUp(trx, family.id)
      // The insert gave way to this family's open step-up, which this transaction now sees.
      if (!open) throw new Error(`The open step-up of family ${family.id} refused a second but cannot be read`)
      return { created: false, row: open }
    }
    await recordAndApply(trx, ctx, raisedEvents(inserted, raisedAt))
    // Stepped down (004 §8): the new lead practitioner leads the family's early help plan.
    if (inserted.kind === 'step_down')
      await recordFamilyStep(trx, ctx, family.id, {
        leadProfessional: inserted.leadProfessional,
        escalationId: inserted.id,
        kind: 'stepped_down',
        at: raisedAt,
      })
    return { created: true, row: inserted }
  })
  return { created: result.created, escalation: (await presentEscalations(db, [result.row], viewOf(ctx)))[0] }
}
