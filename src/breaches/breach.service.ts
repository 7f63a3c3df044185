import type { View } from '../context.js'
import type { Db } from '../db/database.js'
import { invalidField } from '../http/problems.js'
import { findPractitionerNames } from '../practitioners/practitioner.service.js'
import { viewClocks } from '../sla-clocks/sla-blocks.js'
import { findTeamNames } from '../teams/team.service.js'
import { BREACH_STATUSES, type BreachStatus, isCurrent } from './breach.predicates.js'
import { type BreachCursor, findBreachPage, summariseBreaches } from './breach.repository.js'
import type { BreachListFilters, BreachSummaryFilters } from './breach.schemas.js'

const encodeCursor = (c: BreachCursor) => Buffer.from(JSON.stringify([c.dueAt.toISOString(), c.id])).toString('base64url')

function decodeCursor(cursor: string | undefined): BreachCursor | null {
  if (cursor === undefined) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [dueAt, id] = parsed
      if (typeof dueAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(dueAt)) && /^[0-9a-f-]{36}$/.test(id))
        return { dueAt: new Date(dueAt), id }
    }
  } catch {
    // reported below
  }
  throw invalidField('cursor', 'is not a cursor returned by this API', 'query')
}

export async function listBreaches(db: Db, query: BreachListFilters, view: View, now: Date, onlyTeamId: string | null) {
  const asOf = view.asOf
  const { status, limit = 50, cursor, asOf: _asOf, ...filters } = query
  const statuses: readonly BreachStatus[] = status === undefined ? BREACH_STATUSES : Array.isArray(status) ? [...new Set(status)] : [status]
  const rows = await findBreachPage(db, { filters, statuses, asOf, current: isCurrent(asOf, now), limit, after: decodeCursor(cursor), onlyTeamId })
  const page = rows.slice(0, limit)
  const views = await viewClocks(db, page, view)
  // A clock not yet started as of `asOf` has no view then, and is not listed (as in an SLA block).
  const items = page.flatMap((row) => {
    const shown = views.get(row.id)
    return shown
      ? [
          {
            ...shown,
            subjectType: row.subjectType,
            subjectId: row.subjectId,
            familyId: row.familyId,
            teamId: row.teamId,
            practitionerId: row.practitionerId,
            serviceRequestId: row.serviceRequestId,
            lateReason: row.lateReason,
          },
        ]
      : []
  })
  const last = page[page.length - 1]
  return { asOf, items, nextCursor: rows.length > limit ? encodeCursor({ dueAt: last.dueAt, id: last.id }) : null }
}

export async function summarise(db: Db, query: BreachSummaryFilters, asOf: Date, now: Date, onlyTeamId: string | null) {
  const { groupBy, asOf: _asOf, ...filters } = query
  const rows = await summariseBreaches(db, { filters, groupBy, asOf, current: isCurrent(asOf, now), onlyTeamId })
  const ids = rows.map((r) => r.key).filter((k): k is string => k !== null)
  const labels =
    groupBy === 'team' ? await findTeamNames(db, ids) : groupBy === 'practitioner' ? await findPractitionerNames(db, ids) : new Map<string, string>()
  return {
    asOf,
    groupBy,
    items: rows.map((r) => ({
      key: r.key,
      label: r.key ? (labels.get(r.key) ?? null) : null,
      overdue: Number(r.overdue),
      dueSoon: Number(r.dueSoon),
      missed: Number(r.missed),
      metLate: Number(r.metLate),
    })),
  }
}
