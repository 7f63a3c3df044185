import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { TransientConflictError } from '../db/transaction.js'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { type FieldError, PROBLEM_KINDS, ProblemError, type ProblemKind, problemType } from './problems.js'
import { fieldErrors } from './validation.js'

interface PgError {
  code?: string
  constraint?: string
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, kind: ProblemKind, detail: string, errors?: FieldError[]) {
  const { status, title } = PROBLEM_KINDS[kind]
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: problemType(kind), title, status, detail, instance: request.url.split('?')[0], requestId: request.id, ...(errors ? { errors } : {}) })
}

/** Long enough for a restarted database to take connections again. */
const DATABASE_RETRY_AFTER_SECONDS = 3

function classify(error: FastifyError & PgError): { kind: ProblemKind; detail: string; errors?: FieldError[]; retryAfter?: number } | null {
  if (error instanceof ProblemError) return { kind: error.kind, detail: error.detail, errors: error.errors }
  if (error instanceof TransientConflictError) {
    return {
      kind: 'service-unavailable',
      detail: 'The change kept conflicting with others running at the same moment; retry it shortly',
      retryAfter: error.retryAfterSeconds,
    }
  }
  if (isDatabaseUnavailable(error)) {
    return { kind: 'service-unavailable', detail: 'The database cannot answer just now; retry shortly', retryAfter: DATABASE_RETRY_AFTER_SECONDS }
  }
  if (error.validation) {
    const where = error.validationContext ?? 'body'
    const errors = fieldErrors(error.validation, where)
    return { kind: 'validation-error', detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors }
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { kind: 'malformed-request', detail: 'The body is not valid JSON' }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { kind: 'payload-too-large', detail: error.message }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { kind: 'unsupported-media-type', detail: 'Send JSON with Content-Type: application/json' }
    case '40P01':
    case '40001':
    case '55P03':
      return { kind: 'service-unavailable', detail: 'The change conflicted with another running at the same moment; retry it shortly', retryAfter: 1 }
    case '23514':
      // A check constraint is the database's own guard behind the services' checks (e.g. nothing ends before it started).
      return { kind: 'validation-error', detail: `The change breaks the rule ${error.constraint ?? 'of the record'}` }
    case '23505':
      return error.constraint === 'external_refs_pkey'
        ? { kind: 'duplicate-external-ref', detail: 'An external reference in this request already belongs to another record' }
        : { kind: 'conflict', detail: 'The record conflicts with an existing one' }
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return { kind: 'malformed-request', detail: 'The body is not valid JSON' }
  if (error.statusCode === 429) return { kind: 'too-many-requests', detail: error.message }
  return null
}

/** The one place errors become `application/problem+json`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & PgError, request, reply) => {
    const known = classify(error)
    if (known) {
      if (PROBLEM_KINDS[known.kind].status >= 500) request.log.error({ problem: known.kind, code: error.code }, known.detail)
      if (known.retryAfter !== undefined) reply.header('retry-after', String(known.retryAfter))
      return sendProblem(request, reply, known.kind, known.detail, known.errors)
    }
    // Only the message, code and stack: a database error's detail can quote personal data.
    request.log.error({ err: { type: error.name, message: error.message, code: error.code, stack: error.stack } }, 'unexpected error')
    return sendProblem(request, reply, 'internal-error', 'An unexpected error occurred; quote the requestId when reporting it')
  })
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not-found', `There is no route ${request.method} ${request.url.split('?')[0]}`))
}
