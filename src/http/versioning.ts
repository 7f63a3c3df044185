import type { FastifyReply, FastifyRequest } from 'fastify'
import { invalidField, ProblemError } from './problems.js'

/** Sets the ETag of a versioned resource; the version is the whole validator. */
export function withETag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  reply.header('etag', `"${resource.version}"`)
  return resource
}

/** The version named by `If-Match`, or null when the header is absent or `*`. */
export function expectedVersion(request: FastifyRequest): number | null {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '*') return null
  const match = header.trim().match(/^(?:W\/)?"(\d+)"$/)
  if (!match) throw invalidField('If-Match', 'must be an ETag returned by this API, e.g. "3"', 'headers')
  return Number(match[1])
}

export function assertVersion(current: number, expected: number | null): void {
  if (expected !== null && current !== expected) {
    throw new ProblemError('precondition-failed', `The record is at version ${current}, not ${expected}; read it again and retry`)
  }
}
