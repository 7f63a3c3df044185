import { PROBLEM_KINDS, type ProblemKind } from './problems.js'

/** A realistic `detail` for each problem type, for the examples in the document. */
const DETAIL: Record<ProblemKind, string> = {
  'validation-error': 'members[0].dateOfBirth: must match format "date"',
  'malformed-request': 'Unexpected end of JSON input',
  unauthorized: 'Send Authorization: Bearer <api key>',
  forbidden: 'The viewer role may not change records',
  'not-found': 'Family 0193b1d2-6c1e-7a4b-9a55-3f1f0f3c2a10 was not found',
  'not-acceptable': 'This operation returns application/json',
  conflict: 'The intervention has already ended',
  'duplicate-external-ref': 'mosaic|F-10234 already identifies family 0193b1d2-6c1e-7a4b-9a55-3f1f0f3c2a10',
  'caseload-capacity-exceeded': 'Ana Example holds 10 families, her caseload capacity; a manager may allocate with override.reason',
  'idempotency-key-in-flight': 'A request with this Idempotency-Key is still being processed: retry shortly',
  'idempotency-key-response-lost':
    'The first request with this Idempotency-Key was carried out at 2027-01-04T09:00:00.000Z, but its response was lost as the server stopped. The change was made once and will not be made again; it recorded family.created (family 0193b1d2-6c1e-7a4b-9a55-3f1f0f3c2a10). Read those records for their current state.',
  'consent-lapsed': 'Consent ran until 2027-03-31; record renewed consent first',
  'precondition-failed': 'If-Match "3" is not the current version "4"',
  'payload-too-large': 'The body exceeds 1048576 bytes',
  'request-timeout': 'The request was not received in time',
  'uri-too-long': 'A path segment is longer than the server reads',
  'header-fields-too-large': 'The request headers are too large',
  'unsupported-media-type': 'Unsupported Content-Type: text/plain',
  'idempotency-key-reused': 'This Idempotency-Key was first used with a different body',
  'invalid-reference': 'teamId: team 0193b1d2-0000-7000-8000-000000000001 does not exist',
  'consent-required': 'The family’s consent must be recorded (consent.given: true) before a request can progress',
  'eligibility-not-met':
    'The family is at tier 2; this service works with families at tiers 3 and 4 (000 §3); a manager may accept it with eligibilityOverride.reason',
  unprocessable: 'decidedAt: must not be before the request was received (2026-12-23T10:00:00.000Z)',
  'too-many-requests': 'Rate limit exceeded: retry in 12 seconds',
  'internal-error': 'An unexpected error occurred',
  'service-unavailable': 'The database is not reachable',
}

const example = (kind: ProblemKind) => {
  const { status, title } = PROBLEM_KINDS[kind]
  const errors =
    kind === 'validation-error'
      ? { errors: [{ in: 'body', field: 'members[0].dateOfBirth', message: 'must match format "date"' }] }
      : kind === 'invalid-reference'
        ? { errors: [{ in: 'body', field: 'teamId', message: 'team 0193b1d2-0000-7000-8000-000000000001 does not exist' }] }
        : {}
  return {
    summary: title,
    value: {
      type: `/problems/${kind}`,
      title,
      status,
      detail: DETAIL[kind],
      instance: '/families',
      requestId: '6f1c2e1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
      ...errors,
    },
  }
}

/** One example per problem type that answers with this status, keyed by kind. */
export function problemExamples(status: number): Record<string, ReturnType<typeof example>> {
  return Object.fromEntries(
    (Object.keys(PROBLEM_KINDS) as ProblemKind[]).filter((kind) => PROBLEM_KINDS[kind].status === status).map((kind) => [kind, example(kind)]),
  )
}
