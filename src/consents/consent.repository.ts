import { type Insertable, sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { ConsentsTable } from '../db/tables/consent.table.js'
import type { ConsentListFilters } from './consent.schemas.js'

type NewConsent = Omit<Insertable<ConsentsTable>, 'createdAt'>

export const insertConsent = (db: Db, row: NewConsent, now: Date) =>
  db
    .insertInto('consents')
    .values({ ...row, createdAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const findConsentById = (db: Db, id: string) => db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst()

/** The request's latest decision about consent to the service, if any. */
export const latestServiceConsentOfRequest = (db: Db, serviceRequestId: string) =>
  db
    .selectFrom('consents')
    .selectAll()
    .where('serviceRequestId', '=', serviceRequestId)
    .where(sql<boolean>`scopes @> '["service"]'::jsonb`)
    .orderBy('decidedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()

export function listConsents(db: Db, o: ConsentListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('consents')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.serviceRequestId) query = query.where('serviceRequestId', '=', o.serviceRequestId)
  if (o.decision) query = query.where('decision', '=', o.decision)
  return query.execute()
}
