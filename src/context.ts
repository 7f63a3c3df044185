import type { CalendarCache } from './calendar/index.js'

export const ROLES = ['admin', 'manager', 'practitioner', 'integration', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** Who asks for a change or a read: an API key's role and team, and the person behind it. */
export interface Caller {
  /** The API key; null for an operator's command-line change or the service acting on its own. */
  keyId: string | null
  role: Role
  /** The only team this key may see and change, or null for every team. */
  teamId: string | null
  /** The person behind the call, from `X-Acting-User`, when the case system sends it. */
  actingUser: string | null
}

/** Runs SQL in the caller's transaction, so a job asked for in a change exists only if the change commits. */
export type ExecuteSql = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>

/** What changes need from the job queue: to ask, inside their transaction, for breach actions to run or an import to be applied. */
export interface JobQueue {
  requestBreachActions(executeSql: ExecuteSql): Promise<void>
  requestImport(executeSql: ExecuteSql, importId: string): Promise<void>
}

/**
 * What a service needs to know about a change: who asks, the request it belongs to, and "now". Every
 * "now" of a change comes from here (the app's injected clock), never from the database's `now()`.
 */
export interface ChangeContext {
  caller: Caller
  requestId: string
  now: Date
  /** The working calendars, built once per calendar version and shared by the app. */
  calendars: CalendarCache
  jobs?: JobQueue | null
}

/** Who recorded an event, in which request, when: what the outbox writes beside each event. */
export type EventContext = Pick<ChangeContext, 'caller' | 'requestId' | 'now'>

/** What a read needs to show SLA fields: the moment they are computed as of, and the working calendars. */
export interface View {
  asOf: Date
  calendars: CalendarCache
}

/** A change's result, shown as of the change itself. */
export const viewOf = (ctx: Pick<ChangeContext, 'now' | 'calendars'>): View => ({ asOf: ctx.now, calendars: ctx.calendars })

/** The service acting on its own (a job): no API key, named in the audit trail by `actingUser`. */
export const systemContext = (now: Date, runId: string, actingUser = 'system:sla-engine'): EventContext => ({
  caller: { keyId: null, role: 'admin', teamId: null, actingUser },
  requestId: runId,
  now,
})
