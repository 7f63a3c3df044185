import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CalendarRangeError, FIRST_DATE, InvalidDateError, LAST_SUPPORTED_DATE } from '../calendar/index.js'
import { TransientConflictError } from '../db/transaction.js'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { type FieldError, PROBLEM_KINDS, ProblemError, type ProblemKind, problemType } from './problems.js'
import { fieldErrors } from './validation.js'

interface PgError {
  code?: string
  constraint?: string
}

/** Sends one problem; the error handler and the router's own errors use it. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, kind: ProblemKind, detail: string, errors?: FieldError[]) {
  const { status, title } = PROBLEM_KINDS[kind]
  // RFC 6750: a 401 names the scheme the client should use.
  if (kind === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="family-work-api"')
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: problemType(kind), title, status, detail, instance: request.url.split('?')[0], requestId: request.id, ...(errors ? { errors } : {}) })
}

/** Long enough for a restarted database to take connections again. */
const DATABASE_RETRY_AFTER_SECONDS = 3

/** The problem an error stands for, or null for an unexpected one (a 500). */
export function classify(error: FastifyError & PgError): { kind: ProblemKind; detail: string; errors?: FieldError[]; retryAfter?: number } | null {
  if (error instanceof ProblemError) return { kind: error.kind, detail: error.detail, errors: error.errors, retryAfter: error.retryAfterSeconds }
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
  if (error instanceof CalendarRangeError || error instanceof InvalidDateError) {
    return {
      kind: 'validation-error',
      detail: `A date in the request is outside the range the working calendar covers (${FIRST_DATE} to ${LAST_SUPPORTED_DATE})`,
    }
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
    // Data exceptions a value from the request can cause: text the database cannot hold, a number or date
    // out of its type's range. The value is not echoed: it may be personal data.
    case '22021':
    case '22P05':
    case '22003':
    case '22007':
    case '22008':
      return { kind: 'validation-error', detail: 'A value in the request cannot be stored (out of range, or not valid text)' }
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
  if (error.code === 'FST_UNDER_PRESSURE') return { kind: 'service-unavailable', detail: 'The service is overloaded; retry shortly', retryAfter: 5 }
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
    // A database error's message, detail and where can quote the values sent: logged by code and place only.
    const fromDatabase = 'severity' in error && 'routine' in error
    request.log.error(
      fromDatabase
        ? {
            err: {
              type: error.name,
              code: error.code,
              constraint: error.constraint,
              routine: (error as { routine?: string }).routine,
              stack: error.stack?.split('\n').slice(1).join('\n'),
            },
          }
        : { err: { type: error.name, message: error.message, code: error.code, stack: error.stack } },
      'unexpected error',
    )
    return sendProblem(request, reply, 'internal-error', 'An unexpected error occurred; quote the requestId when reporting it')
  })
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not-found', `There is no route ${request.method} ${request.url.split('?')[0]}`))
}
