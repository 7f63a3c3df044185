import type { ProblemKind } from '../http/problems.js'

/** What each problem type means and what a client or its user should do about it: the text of `/problems/<kind>`. */
export const PROBLEM_GUIDE: Record<ProblemKind, { means: string; todo: string }> = {
  'validation-error': {
    means: 'A field of the body, query, path or headers is missing or not in the form the contract asks for.',
    todo: 'Read `errors`: each entry names the field (`in`, `field`) and what is wrong with it. Correct those fields and send again.',
  },
  'malformed-request': {
    means: 'The body could not be read as the declared content type (for example, JSON with a syntax error).',
    todo: 'Send a well-formed body with the matching `Content-Type`.',
  },
  unauthorized: {
    means: 'No API key was sent, or the key is unknown or revoked.',
    todo: 'Send `Authorization: Bearer <api key>` with a current key; an administrator creates keys with `POST /api-keys`.',
  },
  forbidden: {
    means: 'The key is valid but its role may not do this (a viewer changing a record, for example).',
    todo: 'Use a key whose role allows the operation; each operation lists its roles in the reference.',
  },
  'not-found': {
    means: 'No such record, or one outside the key’s team (a team-scoped key sees its own team only).',
    todo: 'Check the id, and that the key’s team holds the record.',
  },
  'not-acceptable': {
    means: 'The `Accept` header names no representation this operation can return.',
    todo: 'Accept `application/json` (and `text/csv` where the operation offers CSV), or send no `Accept` header.',
  },
  'request-timeout': {
    means: 'The whole request (headers and body) did not arrive within the time the server allows.',
    todo: 'Send the request again, all at once; check for a slow or stalled connection between you and the server.',
  },
  conflict: {
    means: 'The change does not fit the record’s current state (closing what is already closed, for example).',
    todo: 'Read the record again, and change it only as its current status allows; `detail` says what stood in the way.',
  },
  'duplicate-external-ref': {
    means: 'Another record already carries this external reference (system and value).',
    todo: 'Look the record up with `?externalRef=system|value` and update it instead of creating a second one.',
  },
  'caseload-capacity-exceeded': {
    means: 'The practitioner already holds as many families as their caseload capacity allows.',
    todo: 'Allocate to another practitioner, or have a manager allocate with `override.reason`.',
  },
  'idempotency-key-in-flight': {
    means: 'A request with the same `Idempotency-Key` is still being processed.',
    todo: 'Wait, then retry with the same key and body: you will get the first request’s response.',
  },
  'idempotency-key-response-lost': {
    means:
      'The first request with this `Idempotency-Key` was carried out, but the server stopped before it could keep the response to replay. The change was made once and is never made again for this key.',
    todo: 'Do not send the change again under a new key: read the records named in `detail` (or your own by external reference) for their current state.',
  },
  'consent-lapsed': {
    means: 'The family’s consent to the work has run out, so the work cannot go on.',
    todo: 'Record renewed consent on the intervention, then repeat the change.',
  },
  'precondition-failed': {
    means: 'The `If-Match` header names an older version: someone changed the record since you read it.',
    todo: 'Read the record again (its `ETag`), reapply your change to the current version and send it with the new `If-Match`.',
  },
  'payload-too-large': {
    means: 'The body is larger than the server accepts.',
    todo: 'Send a smaller body, or split the work into several requests.',
  },
  'uri-too-long': {
    means: 'A part of the address is longer than the server reads.',
    todo: 'Shorten the path or query; send long filters as several shorter requests.',
  },
  'header-fields-too-large': {
    means: 'The request’s headers are larger than the server reads.',
    todo: 'Send fewer or shorter headers (a large cookie or a very long token is the usual cause).',
  },
  'unsupported-media-type': {
    means: 'The body’s `Content-Type` is not one this operation reads.',
    todo: 'Send `Content-Type: application/json` (or the type the operation documents).',
  },
  'idempotency-key-reused': {
    means: 'This `Idempotency-Key` was already used with a different request body.',
    todo: 'Use a new key for a new request; reuse a key only to retry the very same request.',
  },
  'invalid-reference': {
    means: 'The body names a record (a team, family, practitioner, …) that does not exist or that the key may not use.',
    todo: 'Check the id in the field named by `errors`, and that it belongs to the key’s team.',
  },
  'consent-required': {
    means: 'The family’s consent has not been recorded, and the request cannot progress without it.',
    todo: 'Record `consent: { given: true, recordedAt, recordedBy }` on the request for service.',
  },
  'eligibility-not-met': {
    means:
      'The family is outside who the team’s service is for: its threshold tier or its social care plan (for TRT, tiers 3 and 4 with a CIN, CP or LAC plan). Each entry of `errors` names one rule.',
    todo: 'Refer the family to the service for its level of need, update the family’s tier or plan if they are out of date, or have a manager accept the request with `eligibilityOverride.reason`.',
  },
  unprocessable: {
    means: 'The request is well formed but breaks a rule of the service (an event dated before the one it follows, for example).',
    todo: 'Read `detail` and `errors` for the rule, correct the data and send again.',
  },
  'too-many-requests': {
    means: 'The key has sent more requests than its rate allows.',
    todo: 'Wait for the seconds in `Retry-After`, then retry; spread requests out.',
  },
  'internal-error': {
    means: 'Something went wrong on the server. Nothing was half-written: every change is one transaction.',
    todo: 'Retry later; if it persists, report the `requestId` to the service’s operators.',
  },
  'service-unavailable': {
    means: 'The service is not ready (starting, or its database unreachable), or the change kept conflicting with others at the same moment.',
    todo: 'Retry after the seconds in `Retry-After`.',
  },
}
