import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { type Caller, type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database, SlaClockRow } from '../db/schema.js'
import type { FamilyMemberRow, FamilyRow } from '../db/tables/family.table.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import {
  assertDistinct,
  type ExternalRef,
  externalRefsByResource,
  parseExternalRefFilter,
  replaceExternalRefs,
  sortExternalRefs,
} from '../external-refs/external-ref.repository.js'
import { assertTeamVisible } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { invalidField, invalidReference, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { slaBlock } from '../sla/index.js'
import { blocksOf } from '../sla-clocks/sla-blocks.js'
import { assertTeamNameable, usableTeam } from '../teams/team.service.js'
import {
  findFamilyBlockClocks,
  findFamilyById,
  findFamilyForRead,
  findFamilyPage,
  findFamilyReferences,
  insertFamily,
  lockFamilyById,
  updateFamilyRow,
} from './family.repository.js'
import type { FamilyCreate, FamilyListFilters, FamilyPatch } from './family.schemas.js'

export { findFamilyReferences }

type MemberInput = FamilyCreate['members'][number]

/** Members keep their id when the caller sends it back; new members get one. */
const withIds = (members: MemberInput[], existing: FamilyMemberRow[] = []): FamilyMemberRow[] => {
  const known = new Set(existing.map((m) => m.id))
  return members.map(({ id, ...member }) => ({ ...member, id: id && known.has(id) ? id : uuidv7() }))
}

const assertTeamUsable = (db: Db, ctx: ChangeContext, teamId: string) => usableTeam(db, ctx.caller, teamId)

/** Fields safe to put in events: never names, dates of birth or addresses. */
const eventData = (input: Pick<FamilyPatch, 'teamId' | 'reference' | 'tier' | 'plan' | 'externalRefs' | 'members'>) => ({
  ...(input.teamId ? { teamId: input.teamId } : {}),
  ...(input.reference ? { reference: input.reference } : {}),
  ...(input.tier ? { tier: input.tier } : {}),
  ...(input.plan ? { plan: input.plan } : {}),
  ...(input.externalRefs ? { externalRefs: input.externalRefs } : {}),
  ...(input.members ? { memberCount: input.members.length } : {}),
})

/** The family a change names in `field`, if it exists and the caller may see it; else 422 naming the field. */
export async function usableFamily(db: Db, caller: Caller, familyId: string, field = 'familyId') {
  const family = await findFamilyById(db, familyId)
  if (!family || (caller.teamId !== null && caller.teamId !== family.teamId)) throw invalidReference(field, `family ${familyId}`)
  return family
}

/**
 * A family's records are its team's: a change naming a family and a team (a request, a consultation, an
 * escalation, a consent decision) names the family's own team, so that no key, not even one for every team,
 * files one team's family under another team. Else 422 naming `teamId`.
 */
export function assertFamilyOfTeam(family: { teamId: string }, teamId: string): void {
  if (family.teamId !== teamId) throw invalidField('teamId', `must be the family’s team (${family.teamId})`)
}

/** Families as the API returns them, from their rows, their references and the clocks read for their SLA blocks. */
async function assembleFamilies(db: Db, rows: (FamilyRow & { externalRefs: ExternalRef[] })[], clocks: SlaClockRow[], view: View) {
  const ids = rows.map((r) => r.id)
  const blocks = await blocksOf(db, clocks, ids, (r) => r.familyId ?? '', view)
  return rows.map((row) => ({ ...row, externalRefs: sortExternalRefs(row.externalRefs), sla: blocks.get(row.id) ?? slaBlock(view.asOf, []) }))
}

/** The family as the API returns it: its references and SLA block added. */
export async function presentFamilies(db: Db, rows: FamilyRow[], view: View) {
  const ids = rows.map((r) => r.id)
  const [refs, clocks] = await Promise.all([externalRefsByResource(db, 'family', ids), findFamilyBlockClocks(db, ids)])
  return assembleFamilies(
    db,
    rows.map((row) => ({ ...row, externalRefs: refs.get(row.id) ?? [] })),
    clocks,
    view,
  )
}

const presentOne = async (db: Db, row: FamilyRow, view: View) => (await presentFamilies(db, [row], view))[0]

/** The family's row, if the caller may see it; else 404. */
export async function visibleFamily(db: Db, caller: Caller, id: string): Promise<FamilyRow> {
  const row = await findFamilyById(db, id)
  if (!row) throw notFound(`Family ${id}`)
  assertTeamVisible(caller, row.teamId, `Family ${id}`)
  return row
}

/**
 * The family, if the caller may see it; else 404. Its clocks are read in the same statement as its row
 * and references, and discarded when the caller may not see it.
 */
export async function getFamily(db: Db, caller: Caller, id: string, view: View) {
  const found = await findFamilyForRead(db, id)
  if (!found) throw notFound(`Family ${id}`)
  assertTeamVisible(caller, found.row.teamId, `Family ${id}`)
  return (await assembleFamilies(db, [found.row], found.clocks, view))[0]
}

/** A page of families; `externalRef` finds the family a case system knows by that id. */
export async function listFamilies(db: Db, caller: Caller, query: FamilyListFilters, view: View) {
  const { limit = 50, cursor, externalRef, asOf: _asOf, ...filters } = query
  const rows = await findFamilyPage(db, {
    ...filters,
    limit,
    after: decodeCursor(cursor),
    onlyTeamId: caller.teamId,
    externalRef: externalRef ? parseExternalRefFilter(externalRef) : undefined,
  })
  const page = toPage(rows, limit)
  return { ...page, items: await presentFamilies(db, page.items, view) }
}

/** The team's foreign key names an unknown team as the team lookup would: 422 naming `teamId`. */
const unknownTeamAsProblem = (teamId: string) => (error: unknown) => {
  const pg = error as { code?: string; constraint?: string }
  throw pg.code === '23503' && pg.constraint === 'families_team_id_fkey' ? invalidReference('teamId', `team ${teamId}`) : error
}

export async function createFamily(db: Db, ctx: ChangeContext, input: FamilyCreate) {
  // Whether the team exists is left to the insert's foreign key: one round trip fewer on every create.
  assertTeamNameable(ctx.caller, input.teamId)
  assertDistinct(input.externalRefs ?? [])
  const row = await runInTransaction(db, async (trx) => {
    const family = await insertFamily(
      trx,
      {
        id: uuidv7(),
        teamId: input.teamId,
        reference: input.reference,
        tier: input.tier,
        plan: input.plan,
        members: withIds(input.members),
        address: input.address ?? null,
        leadProfessional: input.leadProfessional ?? null,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      input.externalRefs ?? [],
      ctx.now,
    ).catch(unknownTeamAsProblem(input.teamId))
    await recordEvents(trx, ctx, [
      { type: 'family.created', subjectType: 'family', subjectId: family.id, familyId: family.id, teamId: family.teamId, data: eventData(input) },
    ])
    return family
  })
  // Nothing else has seen the new family: its references are the ones sent, and no clock runs on it yet.
  return { ...row, externalRefs: sortExternalRefs(input.externalRefs ?? []), sla: slaBlock(viewOf(ctx).asOf, []) }
}

const STATUTORY_PLANS: readonly string[] = ['child_in_need', 'child_protection', 'looked_after']

/**
 * A step between early help and children's social care (004 §8, §9) changes who leads the work with the
 * family and the plan it is on: recorded on the family, in the family's history, inside the caller's change.
 */
export async function recordFamilyStep(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  familyId: string,
  step: { leadProfessional: FamilyRow['leadProfessional']; escalationId: string; kind: 'stepped_up' | 'stepped_down'; at: Date },
) {
  const current = await lockFamilyById(trx, familyId)
  if (!current) throw new Error(`Family ${familyId} vanished under an escalation of it`)
  // Stepped down: the early help plan (004 §8). Stepped up: a child in need plan, unless already on a statutory one.
  const plan = step.kind === 'stepped_down' ? 'early_help' : STATUTORY_PLANS.includes(current.plan) ? current.plan : 'child_in_need'
  const family = await updateFamilyRow(
    trx,
    familyId,
    { leadProfessional: step.leadProfessional, plan, version: current.version + 1, updatedByKeyId: ctx.caller.keyId },
    ctx.now,
  )
  await recordEvents(trx, ctx, [
    {
      type: 'family.updated',
      subjectType: 'family',
      subjectId: familyId,
      familyId,
      teamId: family.teamId,
      occurredAt: step.at,
      data: {
        reason: step.kind,
        escalationId: step.escalationId,
        plan,
        previousPlan: current.plan,
        leadProfessional: step.leadProfessional,
        previousLeadProfessional: current.leadProfessional,
      },
    },
  ])
  return family
}

export async function updateFamily(db: Db, ctx: ChangeContext, id: string, patch: FamilyPatch, expectedVersion: VersionCondition) {
  if (patch.teamId) await assertTeamUsable(db, ctx, patch.teamId)
  if (patch.externalRefs) assertDistinct(patch.externalRefs)
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockFamilyById(trx, id)
    if (!current) throw notFound(`Family ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Family ${id}`)
    assertVersion(current.version, expectedVersion)
    const { externalRefs, members, ...fields } = patch
    const change = { ...fields, ...(members ? { members: withIds(members, current.members) } : {}) }
    const family = await updateFamilyRow(trx, id, { ...change, version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
    if (externalRefs) await replaceExternalRefs(trx, 'family', id, externalRefs)
    await recordEvents(trx, ctx, [
      { type: 'family.updated', subjectType: 'family', subjectId: id, familyId: id, teamId: family.teamId, data: eventData(patch) },
    ])
    return family
  })
  return presentOne(db, row, viewOf(ctx))
}
