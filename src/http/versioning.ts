import type { FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError } from './problems.js'

/** Sets the ETag of a versioned resource; the version is the whole validator. */
export function withETag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  reply.header('etag', etagOf(resource.version))
  return resource
}

const etagOf = (version: number) => `"${version}"`

/**
 * What `If-Match` asks for: null when it is absent or `*` (any current representation will do); otherwise
 * the strong entity tags it lists, which may be none at all.
 */
export type VersionCondition = readonly string[] | null

/** One element of the list: an optional `W/` and a quoted opaque tag (RFC 9110 §8.8.3). */
const ENTITY_TAG = /^\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/

/**
 * Reads `If-Match` as RFC 9110 §13.1.1 defines it. A change proceeds only if the current ETag is in the list
 * by the strong comparison: a weak tag never matches, nor does a tag this API did not issue, and a value that
 * is not a list of entity tags names no representation at all. Each of those is a failed precondition (412),
 * never a malformed request.
 */
export function expectedVersion(request: FastifyRequest): VersionCondition {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '*') return null
  const strong: string[] = []
  let rest = header
  while (rest.trim() !== '') {
    const match = ENTITY_TAG.exec(rest)
    if (!match) return []
    if (!match[1]) strong.push(match[2])
    rest = rest.slice(match[0].length)
  }
  return strong
}

export function assertVersion(current: number, expected: VersionCondition): void {
  if (expected !== null && !expected.includes(etagOf(current))) {
    throw new ProblemError(
      'precondition-failed',
      `The record is at version ${current} (ETag ${etagOf(current)}), which If-Match does not name; read it again and retry`,
    )
  }
}
