import type { FastifyRequest } from 'fastify'
import type { CalendarCache } from '../calendar/index.js'
import type { Caller, ChangeContext, JobQueue, View } from '../context.js'
import { parseAsOf } from './as-of.js'
import type { KeyCache } from './key-cache.js'
import { notFound } from './problems.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The current time; tests fix it. */
    clock: () => Date
    /** The job queue, when this process runs one. */
    jobs: JobQueue | null
    /** The working calendars, built once per calendar version. */
    calendars: CalendarCache
    /** Active API keys this instance has looked up recently. */
    apiKeys: KeyCache
  }
}

/** The change a request asks for: who, which request, now (from the app's clock), the calendars and the job queue. */
export const changeContext = (request: FastifyRequest): ChangeContext => ({
  caller: request.caller,
  requestId: request.id,
  now: request.server.clock(),
  calendars: request.server.calendars,
  jobs: request.server.jobs,
})

/** How a read shows SLA fields: as of `?asOf=` (default now), on the app's working calendars. */
export const readView = (request: FastifyRequest, asOf?: string): View => ({
  asOf: parseAsOf(asOf, request.server.clock()),
  calendars: request.server.calendars,
})

/** A team-scoped key sees its own team's records only; any other is reported as not found. */
export function assertTeamVisible(caller: Caller, teamId: string, what: string): void {
  if (caller.teamId !== null && caller.teamId !== teamId) throw notFound(what)
}
