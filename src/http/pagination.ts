import { invalidField } from './problems.js'

/** Cursors are opaque to callers: the id of the last item of the page, encoded. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url')
}

const UUID = /^[0-9a-f-]{36}$/

/** The id a cursor carries; `idPattern` says what ids of this list look like (UUIDs by default). */
export function decodeCursor(cursor: string | undefined, idPattern: RegExp = UUID): string | null {
  if (cursor === undefined) return null
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const after = typeof decoded === 'object' && decoded !== null && 'after' in decoded ? decoded.after : undefined
    if (typeof after === 'string' && idPattern.test(after)) return after
  } catch {
    // fall through to the validation problem
  }
  throw invalidField('cursor', 'is not a cursor returned by this API', 'query')
}

/** Builds a page from `limit + 1` rows ordered by id: the extra row only says that there is more. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(items[items.length - 1].id) : null
  return { items, nextCursor }
}
