import type { Db } from '../db/database.js'
import type { EscalationRow } from '../db/tables/escalation.table.js'
import type { EscalationListFilters } from './escalation.schemas.js'

type JsonFields = Pick<
  EscalationRow,
  'leadProfessional' | 'outcome' | 'steps' | 'raisedWithManager' | 'hubContacts' | 'feedback' | 'resolution' | 'finalDecision' | 'withdrawal'
>
type NewEscalation = Omit<EscalationRow, 'createdAt' | 'updatedAt' | 'version'>
/** What a step of an escalation's life may change. */
export type EscalationChange = Partial<Omit<EscalationRow, 'id' | 'kind' | 'familyId' | 'teamId' | 'createdAt' | 'updatedAt' | 'createdByKeyId'>>

const json = <T>(value: T | null) => (value === null ? null : JSON.stringify(value))

/** The JSON columns as stored: an absent record (a decision not yet made...) is SQL NULL, not JSON null. */
const jsonColumns = (f: Partial<JsonFields>) => ({
  ...(f.steps !== undefined ? { steps: JSON.stringify(f.steps) } : {}),
  ...(f.hubContacts !== undefined ? { hubContacts: JSON.stringify(f.hubContacts) } : {}),
  ...(f.leadProfessional !== undefined ? { leadProfessional: json(f.leadProfessional) } : {}),
  ...(f.outcome !== undefined ? { outcome: json(f.outcome) } : {}),
  ...(f.raisedWithManager !== undefined ? { raisedWithManager: json(f.raisedWithManager) } : {}),
  ...(f.feedback !== undefined ? { feedback: json(f.feedback) } : {}),
  ...(f.resolution !== undefined ? { resolution: json(f.resolution) } : {}),
  ...(f.finalDecision !== undefined ? { finalDecision: json(f.finalDecision) } : {}),
  ...(f.withdrawal !== undefined ? { withdrawal: json(f.withdrawal) } : {}),
})

const splitJson = <T extends Partial<JsonFields>>(f: T) => {
  const { leadProfessional, outcome, steps, raisedWithManager, hubContacts, feedback, resolution, finalDecision, withdrawal, ...rest } = f
  return { rest, json: jsonColumns({ leadProfessional, outcome, steps, raisedWithManager, hubContacts, feedback, resolution, finalDecision, withdrawal }) }
}

export const findEscalationById = (db: Db, id: string) => db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst()

export const lockEscalationById = (db: Db, id: string) => db.selectFrom('escalations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const findOpenStepUp = (db: Db, familyId: string) =>
  db.selectFrom('escalations').selectAll().where('familyId', '=', familyId).where('kind', '=', 'step_up').where('status', '=', 'open').executeTakeFirst()

type PageOptions = Omit<EscalationListFilters, 'asOf' | 'cursor' | 'limit'> & { limit: number; after: string | null; onlyTeamId: string | null }

/** A page of escalations ordered by id, with one row more than `limit` when there is a next page. */
export function findEscalationPage(db: Db, o: PageOptions) {
  let query = db
    .selectFrom('escalations')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.kind) query = query.where('kind', '=', o.kind)
  if (o.status) query = query.where('status', '=', o.status)
  return query.execute()
}

/** Inserts an escalation; undefined when it is a step-up and the family has an open one already. */
export function insertEscalation(db: Db, escalation: NewEscalation, now: Date) {
  const { rest, json } = splitJson(escalation)
  return db
    .insertInto('escalations')
    .values({ ...rest, ...json, steps: JSON.stringify(escalation.steps), hubContacts: JSON.stringify(escalation.hubContacts), createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.column('familyId').where('kind', '=', 'step_up').where('status', '=', 'open').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function updateEscalationRow(db: Db, id: string, change: EscalationChange, now: Date) {
  const { rest, json } = splitJson(change)
  return db
    .updateTable('escalations')
    .set({ ...rest, ...json, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
