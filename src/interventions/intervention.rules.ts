import { DateTime } from 'luxon'
import type { ChangeContext } from '../context.js'
import type { Entry, InterventionRow } from '../db/tables/intervention.table.js'
import { eventTime, type Since } from '../http/event-time.js'
import { conflict, forbidden, ProblemError } from '../http/problems.js'
import type { EventType } from '../sla/index.js'
import type { WorkEvent } from '../sla-clocks/record-and-apply.js'

export const ZONE = 'Europe/London'
export const localDay = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE })
export const iso = (at: Date) => at.toISOString()

/** A valid day as YYYY-MM-DD (the days here come from valid instants and dates, so luxon's null never happens). */
export function isoDate(day: DateTime): string {
  const date = day.toISODate()
  if (date === null) throw new Error(`Invalid date: ${day.invalidReason}`)
  return date
}

/** The day in Europe/London of an instant, YYYY-MM-DD. */
export const dayOf = (at: Date) => isoDate(localDay(at))

/** A text field of an entry this service wrote (a review, a meeting, an exception...), or undefined. */
export function textOf(entry: Entry | null | undefined, field: string): string | undefined {
  const value = entry?.[field]
  return typeof value === 'string' ? value : undefined
}

/** When a step of the intervention happened: not in the future, and not before the intervention started. */
export const stepTime = (ctx: ChangeContext, i: InterventionRow, field: string, value: string | undefined, ...since: Since[]) =>
  eventTime(ctx.now, field, value, { at: i.startedAt, what: 'the intervention started' }, ...since)

/**
 * Contacts, reviews and consent extensions are work done under the family's consent: once it has lapsed
 * (000 §1: 3 months, extended once to at most 6), none is recorded until the family consents again (409).
 */
export function assertConsentCovers(i: InterventionRow, at: Date, what: string): void {
  if (i.consentUntil === null || dayOf(at) <= i.consentUntil) return
  throw new ProblemError(
    'consent-lapsed',
    `The family’s consent ran to ${i.consentUntil}; ${what} on ${dayOf(at)} needs renewed consent first (POST /interventions/${i.id}/consent-renewal), or the intervention ends`,
  )
}

/** Where an intervention's clocks are filed, and its ancestors: the allocation and the request (subjects.ts). */
export const interventionWork = (i: Pick<InterventionRow, 'id' | 'allocationId' | 'serviceRequestId' | 'familyId' | 'teamId' | 'practitionerId'>) => ({
  work: { familyId: i.familyId, teamId: i.teamId, practitionerId: i.practitionerId, serviceRequestId: i.serviceRequestId },
  parentSubjects: [
    { type: 'allocation', id: i.allocationId },
    { type: 'service_request', id: i.serviceRequestId },
  ],
})

export const event = (i: InterventionRow, type: EventType, occurredAt: Date, data?: Record<string, unknown>): WorkEvent => ({
  type,
  subjectType: 'intervention',
  subjectId: i.id,
  occurredAt,
  ...interventionWork(i),
  data,
})

export const assertOpen = (i: InterventionRow) => {
  if (i.status === 'ended') throw conflict('The intervention has ended')
}
export const assertManager = (ctx: ChangeContext, what: string) => {
  if (ctx.caller.role !== 'manager' && ctx.caller.role !== 'admin') throw forbidden(`Only a manager may ${what}`)
}
