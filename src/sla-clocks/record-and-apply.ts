import { sql, type Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { WorkingCalendar } from '../calendar/index.js'
import type { Database, SlaClockRow } from '../db/schema.js'
import { recordEvents, type DomainEvent } from '../events/outbox.js'
import type { ChangeContext } from '../http/context.js'
import { applyResume, computeDue, dueSoonFrom, isEventType, planClockChanges, type ClockChange, type StandardsPreset, type SubjectRef } from '../sla/index.js'
import { openClocksOf, toClockRow } from './clock.repository.js'
import { presetById } from './presets.js'
import { workingCalendars } from './working-calendars.js'

/** Where a piece of work sits: what every clock it starts is filed under. */
export interface WorkContext {
  familyId: string
  teamId: string
  practitionerId?: string | null
  serviceRequestId?: string | null
}

export interface WorkEvent extends DomainEvent {
  occurredAt: Date
  parentSubjects?: SubjectRef[]
  work: WorkContext
}

type Trx = Transaction<Database>

/** Due date, due instant and due-soon instant of a clock on its calendar, after its paused working days. */
export function scheduleFor(target: { amount: number; unit: SlaClockRow['targetUnit'] }, startedAt: Date, pausedWorkingDays: number, dueSoonWithin: number, calendar: WorkingCalendar) {
  const due = computeDue(target, startedAt, calendar, pausedWorkingDays)
  return { dueDate: due.dueDate, dueAt: due.dueAt, dueSoonAt: dueSoonFrom(due.dueDate, dueSoonWithin, calendar).at }
}

async function teamSetup(trx: Trx, teamId: string): Promise<{ preset: StandardsPreset; calendarId: string; calendar: WorkingCalendar }> {
  const team = await trx.selectFrom('teams').select(['standardsPreset', 'calendarId']).where('id', '=', teamId).executeTakeFirstOrThrow()
  const calendar = (await workingCalendars(trx, [team.calendarId])).get(team.calendarId)!
  return { preset: presetById(team.standardsPreset), calendarId: team.calendarId, calendar }
}

/** Applies one clock change; true when it left a clock whose breach the service acts on already past due. */
async function apply(trx: Trx, ctx: ChangeContext, event: WorkEvent, change: ClockChange, setup: Awaited<ReturnType<typeof teamSetup>>, open: Map<string, SlaClockRow>): Promise<boolean> {
  if (change.kind === 'start') {
    const standard = setup.preset.standards.find((s) => s.key === change.standardKey)!
    const schedule = scheduleFor(standard.target, change.startedAt, 0, standard.dueSoonWithin, setup.calendar)
    const id = uuidv7()
    await trx.insertInto('slaClocks').values({
      id, standardKey: standard.key, presetId: setup.preset.id, title: standard.title,
      targetAmount: standard.target.amount, targetUnit: standard.target.unit, dueSoonWithin: standard.dueSoonWithin, onBreach: standard.onBreach,
      subjectType: change.subjectType, subjectId: change.subjectId,
      familyId: event.work.familyId, teamId: event.work.teamId, practitionerId: event.work.practitionerId ?? null, serviceRequestId: event.work.serviceRequestId ?? null,
      calendarId: setup.calendarId, startedAt: change.startedAt, ...schedule, pausedAt: change.pausedAt,
    }).execute()
    if (change.pausedAt) await trx.insertInto('slaClockPauses').values({ clockId: id, pausedAt: change.pausedAt }).execute()
    return standard.onBreach !== 'flag' && !change.pausedAt && schedule.dueAt < ctx.now
  }
  const clock = open.get(change.clockId)!
  // The version is bumped in SQL: one event may change the same clock twice (resume, then stop).
  const set = { updatedAt: ctx.now, version: sql<number>`version + 1` }
  const where = trx.updateTable('slaClocks').where('id', '=', clock.id)
  switch (change.kind) {
    case 'stop':
      await where.set({ ...set, completedAt: change.at, pausedAt: null }).execute()
      break
    case 'cancel':
      await where.set({ ...set, cancelledAt: change.at, pausedAt: null }).execute()
      break
    case 'pause':
      await where.set({ ...set, pausedAt: change.at }).execute()
      await trx.insertInto('slaClockPauses').values({ clockId: clock.id, pausedAt: change.at }).execute()
      break
    case 'resume': {
      const calendar = (await workingCalendars(trx, [clock.calendarId])).get(clock.calendarId)!
      const paused = applyResume(toClockRow(clock), change.at, calendar)
      const schedule = scheduleFor({ amount: clock.targetAmount, unit: clock.targetUnit }, clock.startedAt, paused, clock.dueSoonWithin, calendar)
      await where.set({ ...set, pausedAt: null, pausedWorkingDays: paused, ...schedule, ...(schedule.dueAt > ctx.now ? { overdueAnnouncedAt: null } : {}) }).execute()
      await trx.updateTable('slaClockPauses').set({ resumedAt: change.at, workingDays: paused - clock.pausedWorkingDays })
        .where('clockId', '=', clock.id).where('resumedAt', 'is', null).execute()
      await recordEvents(trx, ctx, [{
        type: 'sla-clock.due-date-moved', subjectType: 'sla_clock', subjectId: clock.id, familyId: clock.familyId, teamId: clock.teamId, occurredAt: change.at,
        data: { reason: 'resumed', standard: clock.standardKey, from: clock.dueDate, to: schedule.dueDate, pausedWorkingDays: paused },
      }])
      return clock.onBreach !== 'flag' && schedule.dueAt < ctx.now
    }
  }
  return false
}

/**
 * Records a change's domain events in the outbox and lets the SLA engine start, stop, pause, resume or
 * cancel clocks for them under the team's preset, all inside the change's transaction.
 */
export async function recordAndApply(trx: Trx, ctx: ChangeContext, events: WorkEvent[]): Promise<void> {
  await recordEvents(trx, ctx, events.map(({ work, parentSubjects: _p, ...e }) => ({ ...e, familyId: work.familyId, teamId: work.teamId })))
  const setups = new Map<string, Awaited<ReturnType<typeof teamSetup>>>()
  let breachDue = false
  for (const event of events) {
    if (!isEventType(event.type)) continue
    const teamId = event.work.teamId
    const setup = setups.get(teamId) ?? (await teamSetup(trx, teamId))
    setups.set(teamId, setup)
    const subjectIds = [event.subjectId, ...(event.parentSubjects ?? []).map((p) => p.id)]
    const rows = await openClocksOf(trx, subjectIds)
    const open = new Map(rows.map((r) => [r.id, r]))
    const changes = planClockChanges(setup.preset, { type: event.type, subjectType: event.subjectType, subjectId: event.subjectId, occurredAt: event.occurredAt, parentSubjects: event.parentSubjects }, rows.map(toClockRow))
    for (const change of changes) breachDue = (await apply(trx, ctx, event, change, setup, open)) || breachDue
  }
  // Clocks that fall due later are found by the queue's minute-by-minute run; one already due is asked for now.
  if (breachDue && ctx.jobs) await ctx.jobs.requestBreachActions(trx)
}
