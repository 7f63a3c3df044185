import { v7 as uuidv7 } from 'uuid'
import { calendarExists } from '../calendars/calendar-ids.js'
import type { Caller, ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { assertTeamVisible } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { invalidReference, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { presetById, type StandardsPreset } from '../sla/index.js'
import { findTeamById, findTeamNames, findTeamPage, insertTeam, lockTeamById, updateTeamRow } from './team.repository.js'
import type { TeamCreate, TeamListFilters, TeamPatch } from './team.schemas.js'

const DEFAULT_CASELOAD_CAPACITY = 10

export { findTeamNames }

/** The standards preset a team follows now, with its policy. */
export async function presetOfTeam(db: Db, teamId: string): Promise<StandardsPreset> {
  const team = await findTeamById(db, teamId)
  if (!team) throw new Error(`Team ${teamId} vanished under a record that belongs to it`)
  return presetById(team.standardsPreset)
}

/** The team a change names in `field`, if it exists and the caller may use it; else 422 naming the field. */
export async function usableTeam(db: Db, caller: Caller, teamId: string, field = 'teamId') {
  assertTeamNameable(caller, teamId, field)
  const team = await findTeamById(db, teamId)
  if (!team) throw invalidReference(field, `team ${teamId}`)
  return team
}

/**
 * A team-limited caller may name its own team only; any other is as unknown to it as a team that does not
 * exist (422 naming `field`). For a change that leaves the team's existence to its foreign key.
 */
export function assertTeamNameable(caller: Caller, teamId: string, field = 'teamId'): void {
  if (caller.teamId !== null && caller.teamId !== teamId) throw invalidReference(field, `team ${teamId}`)
}

/** The team, if the caller may see it; else 404. */
export async function getTeam(db: Db, caller: Caller, id: string) {
  const team = await findTeamById(db, id)
  if (!team) throw notFound(`Team ${id}`)
  assertTeamVisible(caller, team.id, `Team ${id}`)
  return team
}

/** A page of teams; a team-scoped caller sees its own team only. */
export async function listTeams(db: Db, caller: Caller, query: TeamListFilters) {
  const { limit = 50, cursor, asOf: _asOf, ...filters } = query
  return toPage(await findTeamPage(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: caller.teamId }), limit)
}

async function assertCalendar(db: Db, calendarId: string | undefined) {
  if (calendarId !== undefined && !(await calendarExists(db, calendarId))) throw invalidReference('calendarId', `calendar ${calendarId}`)
}

export async function createTeam(db: Db, ctx: ChangeContext, input: TeamCreate) {
  await assertCalendar(db, input.calendarId)
  return runInTransaction(db, async (trx) => {
    const team = await insertTeam(
      trx,
      {
        id: uuidv7(),
        name: input.name,
        calendarId: input.calendarId,
        standardsPreset: input.standardsPreset,
        caseloadCapacity: input.caseloadCapacity ?? DEFAULT_CASELOAD_CAPACITY,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordEvents(trx, ctx, [{ type: 'team.created', subjectType: 'team', subjectId: team.id, teamId: team.id, data: { ...input } }])
    return team
  })
}

export async function updateTeam(db: Db, ctx: ChangeContext, id: string, patch: TeamPatch, expectedVersion: VersionCondition) {
  await assertCalendar(db, patch.calendarId)
  return runInTransaction(db, async (trx) => {
    const current = await lockTeamById(trx, id)
    if (!current) throw notFound(`Team ${id}`)
    assertTeamVisible(ctx.caller, current.id, `Team ${id}`)
    assertVersion(current.version, expectedVersion)
    const team = await updateTeamRow(trx, id, { ...patch, version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
    await recordEvents(trx, ctx, [{ type: 'team.updated', subjectType: 'team', subjectId: id, teamId: id, data: { ...patch } }])
    return team
  })
}
