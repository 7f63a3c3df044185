import type { FastifyRequest } from 'fastify'
import type { Caller } from './auth.js'
import { notFound } from './problems.js'

/** What a service needs to know about the call that asks for a change. */
export interface ChangeContext {
  caller: Caller
  requestId: string
  now: Date
}

export const changeContext = (request: FastifyRequest): ChangeContext => ({
  caller: request.caller,
  requestId: request.id,
  now: new Date(),
})

/** A team-scoped key sees its own team's records only; any other is reported as not found. */
export function assertTeamVisible(caller: Caller, teamId: string, what: string): void {
  if (caller.teamId !== null && caller.teamId !== teamId) throw notFound(what)
}
