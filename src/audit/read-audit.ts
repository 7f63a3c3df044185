import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/database.js'
import { ReadLogWriter } from './read-log-writer.js'

/** Routes whose responses are not a family's record, though they may name families. */
const NOT_RECORDS = /^\/(events|audit-events|webhooks|openapi|docs|health)/

interface FamilyShown {
  familyId: string
  teamId: string | null
}

/** The families a response shows: a family itself, or records that carry `familyId`; lists item by item. */
function familiesIn(url: string, payload: unknown): FamilyShown[] {
  // A family's own sub-resource (its timeline) names the family at the top.
  if (url.startsWith('/families/:id/') && payload && typeof payload === 'object' && 'familyId' in payload && typeof payload.familyId === 'string') {
    return [{ familyId: payload.familyId, teamId: 'teamId' in payload && typeof payload.teamId === 'string' ? payload.teamId : null }]
  }
  const isFamily = url.startsWith('/families')
  const one = (item: unknown): FamilyShown | null => {
    if (!item || typeof item !== 'object') return null
    const familyId = isFamily ? ('id' in item ? item.id : undefined) : 'familyId' in item ? item.familyId : undefined
    const teamId = 'teamId' in item && typeof item.teamId === 'string' ? item.teamId : null
    return typeof familyId === 'string' ? { familyId, teamId } : null
  }
  const items = payload && typeof payload === 'object' && 'items' in payload && Array.isArray(payload.items) ? payload.items : [payload]
  const seen = new Map<string, FamilyShown>()
  for (const found of items.map(one)) if (found && !seen.has(found.familyId)) seen.set(found.familyId, found)
  return [...seen.values()]
}

/**
 * Every successful read that shows a family's record (the family, or a record of its work) is logged
 * before the response goes out: who, which request, which route. The log is append-only.
 */
export function registerReadAudit(app: FastifyInstance, db: Db): void {
  const log = new ReadLogWriter(db)
  // Before serialisation: the response is still the object the route returned, so nothing is parsed again.
  app.addHook('preSerialization', async (request, reply, payload) => {
    const url = request.routeOptions.url
    if (request.method !== 'GET' || !url || reply.statusCode !== 200 || NOT_RECORDS.test(url) || !request.caller) return payload
    if (!payload || typeof payload !== 'object') return payload
    const families = familiesIn(url, payload)
    if (families.length === 0) return payload
    await log.append(
      families.map((f) => ({
        familyId: f.familyId,
        teamId: f.teamId,
        apiKeyId: request.caller.keyId,
        actingUser: request.caller.actingUser,
        requestId: request.id,
        method: request.method,
        path: url,
        readAt: request.server.clock(),
      })),
    )
    return payload
  })
}
