import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PanelDecisionsTable, PanelsTable } from '../db/tables/panel.table.js'
import type { PanelListFilters } from './panel.schemas.js'

export const findPanelById = (db: Db, id: string) => db.selectFrom('panels').selectAll().where('id', '=', id).executeTakeFirst()

export const insertPanel = (db: Db, row: Omit<Insertable<PanelsTable>, 'createdAt' | 'updatedAt'>, now: Date) =>
  db
    .insertInto('panels')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const insertPanelDecisions = (db: Db, rows: Omit<Insertable<PanelDecisionsTable>, 'createdAt'>[], now: Date) =>
  rows.length === 0
    ? Promise.resolve([])
    : db
        .insertInto('panelDecisions')
        .values(rows.map((r) => ({ ...r, createdAt: now })))
        .execute()

export const decisionsOfPanels = (db: Db, panelIds: string[]) =>
  panelIds.length === 0 ? Promise.resolve([]) : db.selectFrom('panelDecisions').selectAll().where('panelId', 'in', panelIds).orderBy('id').execute()

export function listPanels(db: Db, o: PanelListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('panels')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.kind) query = query.where('kind', '=', o.kind)
  const requestId = o.serviceRequestId
  if (requestId) query = query.where('id', 'in', (sub) => sub.selectFrom('panelDecisions').select('panelId').where('serviceRequestId', '=', requestId))
  return query.execute()
}
