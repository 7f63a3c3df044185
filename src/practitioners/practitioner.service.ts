import { v7 as uuidv7 } from 'uuid'
import type { Caller, ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { PractitionerRow } from '../db/tables/practitioner.table.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { assertTeamVisible } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { invalidField, invalidReference, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { usableTeam } from '../teams/team.service.js'
import {
  activeCaseloads,
  findPractitionerById,
  findPractitionerNames,
  findPractitionerPage,
  insertPractitioner,
  lockPractitionerById,
  updatePractitionerRow,
} from './practitioner.repository.js'
import type { PractitionerCreate, PractitionerListFilters, PractitionerPatch } from './practitioner.schemas.js'

export { activeCaseloads, findPractitionerById, findPractitionerNames, lockPractitionerById }

/** Practitioners as the API returns them, with their live caseload (one query for a page). */
export async function presentPractitioners(db: Db, rows: PractitionerRow[]) {
  const caseloads = await activeCaseloads(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((row) => ({ ...row, activeCaseload: caseloads.get(row.id) ?? 0 }))
}

const presentOne = async (db: Db, row: PractitionerRow) => (await presentPractitioners(db, [row]))[0]

/** The practitioner, if the caller may see them; else 404. */
export async function getPractitioner(db: Db, caller: Caller, id: string) {
  const row = await findPractitionerById(db, id)
  if (!row) throw notFound(`Practitioner ${id}`)
  assertTeamVisible(caller, row.teamId, `Practitioner ${id}`)
  return presentOne(db, row)
}

/** A page of practitioners; a team-scoped caller sees its own team's only. */
export async function listPractitioners(db: Db, caller: Caller, query: PractitionerListFilters) {
  const { limit = 50, cursor, asOf: _asOf, ...filters } = query
  const page = toPage(await findPractitionerPage(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: caller.teamId }), limit)
  return { ...page, items: await presentPractitioners(db, page.items) }
}

/**
 * The practitioner an allocation in `teamId` is made to, locked for the allocation: serialising
 * allocations to them, so two cannot both take the last place. 422 naming `field` otherwise.
 */
export async function practitionerToAllocate(db: Db, practitionerId: string, teamId: string, field = 'practitionerId') {
  const practitioner = await lockPractitionerById(db, practitionerId)
  if (!practitioner || practitioner.teamId !== teamId) throw invalidReference(field, `practitioner ${practitionerId} in the request’s team`)
  if (!practitioner.active) throw invalidField(field, 'has left the team')
  return practitioner
}

/** Only specialists have a specialism (service guide: specialist practitioners hold smaller caseloads). */
function assertSpecialism(role: string, specialism: string | null | undefined) {
  if (specialism && role !== 'specialist') throw invalidField('specialism', 'is only for practitioners with the specialist role')
}

export async function createPractitioner(db: Db, ctx: ChangeContext, input: PractitionerCreate) {
  const team = await usableTeam(db, ctx.caller, input.teamId)
  assertSpecialism(input.role, input.specialism)
  const row = await runInTransaction(db, async (trx) => {
    const row = await insertPractitioner(
      trx,
      {
        id: uuidv7(),
        teamId: team.id,
        name: input.name,
        email: input.email ?? null,
        role: input.role,
        specialism: input.specialism ?? null,
        caseloadCapacity: input.caseloadCapacity ?? team.caseloadCapacity,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordEvents(trx, ctx, [
      {
        type: 'practitioner.created',
        subjectType: 'practitioner',
        subjectId: row.id,
        teamId: row.teamId,
        data: { role: row.role, caseloadCapacity: row.caseloadCapacity },
      },
    ])
    return row
  })
  return presentOne(db, row)
}

export async function updatePractitioner(db: Db, ctx: ChangeContext, id: string, patch: PractitionerPatch, expectedVersion: VersionCondition) {
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockPractitionerById(trx, id)
    if (!current) throw notFound(`Practitioner ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Practitioner ${id}`)
    assertVersion(current.version, expectedVersion)
    assertSpecialism(patch.role ?? current.role, patch.specialism === undefined ? current.specialism : patch.specialism)
    const row = await updatePractitionerRow(trx, id, { ...patch, version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
    const { name: _name, email: _email, ...safe } = patch
    await recordEvents(trx, ctx, [{ type: 'practitioner.updated', subjectType: 'practitioner', subjectId: id, teamId: row.teamId, data: safe }])
    return row
  })
  return presentOne(db, row)
}
