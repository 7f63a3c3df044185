import type { Caller } from '../context.js'
import type { Db } from '../db/database.js'
import { decodeCursor, encodeCursor } from '../http/pagination.js'
import { type AuditPosition, findAuditEntries } from './audit.repository.js'
import type { AuditFilters } from './audit.schemas.js'

const POSITION = /^\d{1,20}_[cr]_\d{1,20}$/

const encodePosition = (p: AuditPosition) => encodeCursor(`${p.atUs}_${p.src}_${p.id}`)

function decodePosition(cursor: string | undefined): AuditPosition | null {
  const after = decodeCursor(cursor, POSITION)
  if (after === null) return null
  const [atUs, src, id] = after.split('_')
  return { atUs, src, id: Number(id) }
}

/** A page of the audit trail, oldest first; a team-limited caller sees its team's entries only. */
export async function listAuditEvents(db: Db, caller: Caller, query: AuditFilters) {
  const { limit = 50, cursor, ...filters } = query
  const rows = await findAuditEntries(db, { ...filters, teamId: caller.teamId, after: decodePosition(cursor), limit: limit + 1 })
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map(({ src, id, atUs: _u, ...r }) => ({ ...r, id: `${src === 'c' ? 'change' : 'read'}-${id}` })),
    nextCursor: rows.length > limit ? encodePosition(last) : null,
  }
}
