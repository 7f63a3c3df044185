import type { FastifyRequest } from 'fastify'
import type { JobQueue } from '../jobs/job-context.js'
import type { Caller } from './auth.js'
import { notFound } from './problems.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The current time; tests fix it. */
    clock: () => Date
    /** The job queue, when this process runs one. */
    jobs: JobQueue | null
  }
}

/** What a service needs to know about the call that asks for a change. */
export interface ChangeContext {
  caller: Caller
  requestId: string
  now: Date
  jobs?: JobQueue | null
}

export const changeContext = (request: FastifyRequest): ChangeContext => ({
  caller: request.caller,
  requestId: request.id,
  now: request.server.clock(),
  jobs: request.server.jobs,
})

/** A team-scoped key sees its own team's records only; any other is reported as not found. */
export function assertTeamVisible(caller: Caller, teamId: string, what: string): void {
  if (caller.teamId !== null && caller.teamId !== teamId) throw notFound(what)
}
