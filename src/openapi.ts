import type { FastifyDynamicSwaggerOptions as SwaggerOptions } from '@fastify/swagger'
import type { Access } from './http/auth.js'
import { producedBy } from './http/content-negotiation.js'
import type { Deprecation } from './http/deprecation.js'
import { PROBLEM_KINDS } from './http/problems.js'
import { errors } from './http/responses.js'
import { withSchemaExamples } from './openapi-examples.js'

const SUCCESS: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' }

const HEADERS = {
  idempotencyKey: {
    type: 'string',
    minLength: 1,
    maxLength: 255,
    description: 'Retry-safe key: a retry with the same key and body replays the first response',
  },
  ifMatch: {
    type: 'string',
    description:
      'The ETag you read (e.g. "3"), a list of ETags, or `*`; compared strongly (RFC 9110): a stale, weak or unknown tag gets 412 and changes nothing',
  },
  actingUser: { type: 'string', maxLength: 200, description: 'The person behind the change, recorded with it' },
}

/** Documents what every route has by convention: its roles, the change headers and success descriptions. */
const transform: NonNullable<SwaggerOptions['transform']> = ({ schema, url, route }) => {
  if (!schema || schema.hide) return { schema, url }
  const { access, deprecation } = (route.config ?? {}) as { access?: Access; deprecation?: Deprecation }
  const method = String(route.method)
  const roles = access === 'public' || !access ? null : ['admin', ...access].join(', ')
  const headers: Record<string, object> = {}
  if (method === 'POST') headers['idempotency-key'] = HEADERS.idempotencyKey
  if (method === 'PATCH' || (method === 'POST' && /\/:id\//.test(url))) headers['if-match'] = HEADERS.ifMatch
  if (method !== 'GET') headers['x-acting-user'] = HEADERS.actingUser
  const response: Record<string, unknown> = Object.fromEntries(
    Object.entries((schema.response ?? {}) as Record<string, Record<string, unknown>>).map(([code, r]) => [
      code,
      SUCCESS[code] && !r.description ? { ...r, description: SUCCESS[code] } : r,
    ]),
  )
  // Content negotiation (src/http/content-negotiation.ts) answers any route with a body this way.
  if (producedBy({ schema, config: route.config })) response[406] ??= errors(406)[406]
  return {
    url,
    schema: {
      ...schema,
      description: roles ? `${schema.description ?? ''}\n\nRoles: ${roles}.`.trim() : schema.description,
      ...(Object.keys(headers).length > 0 ? { headers: { type: 'object', properties: headers } } : {}),
      ...(deprecation ? { deprecated: true } : {}),
      response,
    },
  }
}

const problemList = Object.entries(PROBLEM_KINDS)
  .map(([kind, { status, title }]) => `- \`/problems/${kind}\` (${status}): ${title}`)
  .join('\n')

const description = `Families, requests for service, allocations, interventions, outcome measures and escalations for
children's early-help and targeted-response teams, with working-day SLA clocks on every response.

**Conventions.** JSON with camelCase fields; dates \`YYYY-MM-DD\`; instants RFC 3339, returned in UTC with
milliseconds. Lists take \`limit\` (default 50, max 500) and \`cursor\` and return \`{ items, nextCursor }\`.
Every resource has a \`version\` and an \`ETag\`; send \`If-Match\` on a change to refuse it (412) if the record
changed since you read it. Every \`POST\` accepts \`Idempotency-Key\`: a retry with the same key and body gets
the first response (header \`Idempotent-Replayed: true\`) and creates nothing; the same key with another body
gets 422; a retry while the first is still running gets 409. Keys are kept 48 hours. Every \`GET\` accepts
\`asOf\` (an instant, or a date meaning the end of that day in London) for its SLA fields.

**Access.** \`Authorization: Bearer <api key>\`. Roles: admin (everything), manager, practitioner,
integration, viewer (read-only). A key limited to a team sees that team's records only; any other is 404.
Send \`X-Acting-User\` to record the person behind a change.

**Errors** are RFC 9457 \`application/problem+json\`; validation problems list each bad field in \`errors\`.
Problem types:
${problemList}`

/**
 * The document's options. Its `servers` entry is `PUBLIC_URL` when set (the address clients reach the
 * service at, behind a proxy); else the relative `/`, so the reference page's "Try it out" calls the
 * server the page was loaded from, on whatever host and port.
 */
export const openApiOptionsFor = (publicUrl: string | undefined): SwaggerOptions => ({
  openapi: {
    openapi: '3.1.0',
    info: { title: 'Family Work API', version: '0.1.0', description, license: { name: 'MIT', identifier: 'MIT' } },
    servers: publicUrl
      ? [{ url: publicUrl, description: 'This deployment (PUBLIC_URL)' }]
      : [{ url: '/', description: 'The server this document is served from' }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created with POST /api-keys' } } },
    security: [{ apiKey: [] }],
    tags: [
      { name: 'Health', description: 'Liveness and readiness, without auth' },
      { name: 'API keys', description: 'Keys, roles and team scope (admin only)' },
      { name: 'Calendars', description: 'Working days: UK bank holidays by division, closure days, working-day arithmetic' },
      { name: 'SLA clocks', description: 'One clock with the explanation of its due date, and late reasons' },
      { name: 'Breaches', description: 'What is overdue, due soon or was met late, for operations teams' },
      { name: 'Service standards', description: 'The timescales of each service as presets of standards' },
      { name: 'Teams', description: 'Teams, their calendar and standards preset' },
      { name: 'Practitioners', description: 'The people who hold cases, and their caseload capacity' },
      { name: 'Families', description: 'Families, their members, tier, plan and lead professional' },
      { name: 'Service requests', description: 'Requests for service (referrals): consent, screening decision, withdrawal' },
      { name: 'Consultations', description: 'Specialist consultations: held, recorded, discussed with the supervisor' },
      { name: 'Consents', description: 'The families’ decisions about consent, given, refused or withdrawn, kept as records' },
      { name: 'Panels', description: 'Panels and allocation meetings: attendees, minutes and the decision on each request' },
      { name: 'Assessments', description: 'Early Help and Level 3 assessments: with whom, the child seen, the family’s views, the needs found' },
      { name: 'Plans', description: 'Families’ plans: actions with their clocks, versions and reviews, sign-off' },
      { name: 'Allocations', description: 'Allocation to a practitioner, caseload capacity, case discussion and joint visit' },
      {
        name: 'Interventions',
        description: 'The work with a family: reviews, consent, audits, supervision, suspension, contacts (case recordings), outcome scores and the ending',
      },
      { name: 'Outcome measures', description: 'The outcomes framework catalogue (000 Appendix 2)' },
      { name: 'Reports', description: 'Monthly outcome monitoring (000 §7)' },
      { name: 'Caseload', description: 'A practitioner’s active families, next due clocks and weekly contact' },
      { name: 'Escalations', description: 'Professional disagreements and their ladder, step up, step down, safeguarding concerns' },
      { name: 'Events', description: 'The ordered, gap-free feed of every change, overdue clock and moved due date' },
      { name: 'Webhooks', description: 'Signed (Standard Webhooks) deliveries of the feed, retried, with a delivery log (admin only)' },
      { name: 'Audit', description: 'Every change and every read of a family’s record: who, when, which request' },
    ],
  },
  transform,
  transformObject: (document) => ('openapiObject' in document ? withSchemaExamples(document.openapiObject) : document.swaggerObject),
  // Named components: each shared schema becomes components.schemas.<its $id>.
  refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `Schema${i}`) },
})

/** The options of the committed document: a relative server. */
export const openApiOptions = openApiOptionsFor(undefined)
