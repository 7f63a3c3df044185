/** Every kind of error the API returns, with its stable problem `type`, HTTP status and title. */
export const PROBLEM_KINDS = {
  'validation-error': { status: 400, title: 'The request is not valid' },
  'malformed-request': { status: 400, title: 'The request body could not be read' },
  unauthorized: { status: 401, title: 'A valid API key is required' },
  forbidden: { status: 403, title: 'This API key may not do that' },
  'not-found': { status: 404, title: 'Not found' },
  'not-acceptable': { status: 406, title: 'No acceptable representation' },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  'duplicate-external-ref': { status: 409, title: 'An external reference is already in use' },
  'caseload-capacity-exceeded': { status: 409, title: 'The practitioner’s caseload is full' },
  'idempotency-key-in-flight': { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  'idempotency-key-response-lost': { status: 409, title: 'The request with this Idempotency-Key was carried out, but its response was lost' },
  'consent-lapsed': { status: 409, title: 'The family’s consent has lapsed' },
  'precondition-failed': { status: 412, title: 'The record has changed since the version given in If-Match' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The URL is too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used with a different request' },
  'invalid-reference': { status: 422, title: 'A referenced record does not exist' },
  'consent-required': { status: 422, title: 'Consent has not been recorded' },
  'eligibility-not-met': { status: 422, title: 'The family is outside the service’s eligibility' },
  unprocessable: { status: 422, title: 'The request cannot be carried out' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'header-fields-too-large': { status: 431, title: 'The request headers are too large' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'The service cannot take the request just now' },
} as const

export type ProblemKind = keyof typeof PROBLEM_KINDS

export const problemType = (kind: ProblemKind): string => `/problems/${kind}`

export interface FieldError {
  /** Where the bad value is: `body`, `query`, `params` or `headers`. */
  in: string
  /** The field, as a dotted path (`members[0].dateOfBirth`). */
  field: string
  message: string
}

/** An error a service throws; the error handler turns it into `application/problem+json`. */
export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Sent as `Retry-After` (seconds) with a 429 or 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail)
  }

  get status(): number {
    return PROBLEM_KINDS[this.kind].status
  }
}

export const notFound = (what: string) => new ProblemError('not-found', `${what} was not found`)
export const conflict = (detail: string) => new ProblemError('conflict', detail)
export const forbidden = (detail: string) => new ProblemError('forbidden', detail)
export const invalidField = (field: string, message: string, where = 'body') =>
  new ProblemError('validation-error', `${field}: ${message}`, [{ in: where, field, message }])
export const invalidReference = (field: string, what: string) =>
  new ProblemError('invalid-reference', `${field}: ${what} does not exist`, [{ in: 'body', field, message: `${what} does not exist` }])
