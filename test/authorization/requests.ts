import { readFileSync } from 'node:fs'
import type { TestApp } from '../helpers/app.js'
import type { TeamWorld } from './fixtures.js'

type Schema = Record<string, unknown>
export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string
        parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[]
        requestBody?: { content?: Record<string, { schema?: Schema }> }
      }
    >
  >
  components?: { schemas?: Record<string, Schema> }
}
export interface Operation {
  operationId: string
  method: string
  path: string
  body?: Schema
  query: { name: string; schema?: Schema }[]
}
export interface Sent {
  method: string
  url: string
  payload?: unknown
  headers?: Record<string, string>
}

/** Every operation of the document, by operationId. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const result: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || !op.operationId) continue
      result.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required),
      })
    }
  }
  return result
}

const WHEN = '2027-01-20T10:00:00Z'

/** The record of `w` that a path's first segment names. */
function pathId(w: TeamWorld, resource: string, calendarId: string): string {
  const ids: Record<string, string> = {
    families: w.family.id,
    'service-requests': w.request.id,
    allocations: w.allocation.id,
    consultations: w.consultation.id,
    consents: w.consent.id,
    plans: w.plan.id,
    panels: w.panel.id,
    assessments: w.assessment.id,
    'sla-clocks': w.clock.id,
    interventions: w.intervention.id,
    escalations: w.escalation.id,
    webhooks: w.webhook.id,
    'api-keys': w.key.id,
    teams: w.team.id,
    practitioners: w.practitioner.id,
    calendars: calendarId,
    'service-standards': 'level-3',
    'outcome-measures': 'family-housing',
  }
  const id = ids[resource]
  if (!id) throw new Error(`no record for /${resource}/{id}`)
  return id
}

/** Ids a body names by its field names, taken from `w`. */
const bodyIds = (w: TeamWorld): Record<string, string> => ({
  familyId: w.family.id,
  teamId: w.team.id,
  serviceRequestId: w.request.id,
  allocationId: w.allocation.id,
  practitionerId: w.practitioner.id,
  interventionId: w.intervention.id,
  measureId: 'family-housing',
  calendarId: 'england-and-wales',
})

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {}
  while (typeof current.$ref === 'string') current = doc.components?.schemas?.[current.$ref.split('/').pop() ?? ''] ?? {}
  return current
}

/** The smallest value that fits `schema`: required fields only, the first of each choice, ids from `w`. */
export function sample(doc: OpenApiDocument, raw: Schema | undefined, ids: Record<string, string>, name = ''): unknown {
  const schema = resolve(doc, raw)
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if ('const' in schema) return schema.const
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (Array.isArray(options)) return sample(doc, options.find((o) => resolve(doc, o).type !== 'null') ?? options[0], ids, name)
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  switch (type) {
    case 'object': {
      const required = new Set((schema.required as string[] | undefined) ?? [])
      const out: Record<string, unknown> = {}
      for (const [field, property] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
        if (required.has(field)) out[field] = sample(doc, property, ids, field)
      }
      return out
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => sample(doc, schema.items as Schema, ids, name))
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1)
    case 'boolean':
      return true
    default:
      if (ids[name]) return ids[name]
      if (schema.format === 'date-time') return WHEN
      if (schema.format === 'date') return WHEN.slice(0, 10)
      if (schema.format === 'email') return 'jo@example.org'
      return 'Example'.padEnd(Number(schema.minLength ?? 1), 'e')
  }
}

interface Override {
  body?: (w: TeamWorld) => Record<string, unknown>
  /** A body that is not JSON, sent as it is with its media type. */
  raw?: { payload: string; contentType: string }
  query?: Record<string, string>
  /** Makes the record the call acts on, for a call that uses it up; returns the URL to call. */
  prepare?: (api: TestApp, w: TeamWorld) => Promise<string>
}

const DATES = { from: '2027-01-04', to: '2027-01-29' }

/**
 * What the sampler cannot make valid on its own (a choice that needs a partner field, a pattern, a state
 * the fixtures are in), merged over the sample.
 */
const overrides: Record<string, Override> = {
  createCalendar: { body: () => ({ id: 'made-by-test' }) },
  addCalendarClosure: { body: () => ({ date: '2027-03-02' }) },
  removeCalendarClosure: {
    prepare: async (api) => {
      await api.call({ method: 'POST', url: '/calendars/access-test/closures', payload: { date: '2027-03-01', title: 'Training day' } })
      return '/calendars/access-test/closures/2027-03-01'
    },
  },
  importBankHolidays: { body: () => JSON.parse(readFileSync(new URL('../fixtures/bank-holidays.json', import.meta.url), 'utf8')) },
  listCalendarHolidays: { query: DATES },
  getWorkingDays: { query: DATES },
  explainWorkingDays: { query: DATES },
  summariseBreaches: { query: { groupBy: 'team' } },
  getOutcomeReport: { query: { month: '2027-01' } },
  createPanel: { body: (w) => ({ decisions: [{ serviceRequestId: w.request.id, decision: 'deferred', reason: 'School report awaited' }] }) },
  completeAssessment: { body: () => ({ childSeen: true, childSeenOn: '2027-01-04', completedAt: '2027-01-08T10:00:00Z' }) },
  getBreachTrend: { query: { from: '2027-01-01', to: '2027-01-31' } },
  // A line the import refuses is reported in a 200; a dry run writes nothing either way.
  importCases: { query: { dryRun: 'true' }, raw: { payload: '{}\n', contentType: 'application/x-ndjson' } },
  getImport: {
    prepare: async (api) => {
      const queued = await api.call({
        method: 'POST',
        url: '/imports?dryRun=true',
        headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async' },
        payload: '{}\n',
      })
      if (queued.statusCode !== 202) throw new Error(`POST /imports gave ${queued.statusCode}: ${queued.body}`)
      return `/imports/${queued.json().id}`
    },
  },
  updateTeam: { body: () => ({ caseloadCapacity: 12 }) },
  updatePractitioner: { body: () => ({ caseloadCapacity: 40 }) },
  updateFamily: { body: () => ({ tier: 3 }) },
  updateServiceRequest: { body: () => ({ focus: 'Routines' }) },
  createServiceRequest: { body: () => ({ requestedBy: { name: 'Jo Example', role: 'social_worker' }, receivedAt: '2027-01-18T10:00:00Z' }) },
  recordLateReason: { body: () => ({ reason: 'The family was away' }) },
  recordDurationException: { body: () => ({ until: '2027-08-31' }) },
  recordBaselineFollowUp: { body: () => ({ results: [{ measureId: 'baseline-no-social-care-process', achieved: true }] }) },
  selectOutcomeMeasures: { body: () => ({ measureIds: ['family-housing'] }) },
  correctContact: { body: () => ({ observations: 'Breakfast was ready early' }) },
  createEscalation: { body: () => ({ subject: 'Threshold decision', level: 'senior_practitioner' }) },
  createWebhook: { body: () => ({ url: 'http://127.0.0.1:9/hook' }) },
  replayWebhook: { body: () => ({ from: '0-0' }) },
  deleteWebhook: {
    prepare: async (api, w) => {
      const made = await api.call({
        method: 'POST',
        url: '/webhooks',
        payload: { name: 'Spare', url: 'http://127.0.0.1:9/spare', eventTypes: ['*'], teamId: w.team.id },
      })
      return `/webhooks/${made.json().id}`
    },
  },
}

/** A valid request for `op` on the records of `w` (of the team whose records they are). */
export async function requestFor(api: TestApp, doc: OpenApiDocument, op: Operation, w: TeamWorld): Promise<Sent> {
  const override = overrides[op.operationId] ?? {}
  const resource = op.path.split('/')[1]
  let url = override.prepare
    ? await override.prepare(api, w)
    : op.path
        .replace('{id}', () => pathId(w, resource, 'access-test'))
        .replace('{presetId}', 'level-3')
        .replace('{contactId}', w.contact.id)
        .replace('{scoreId}', w.score.id)
        .replace('{actionId}', w.plan.actions[0].id)
        .replace('{number}', '1')
  const query = new URLSearchParams()
  for (const parameter of op.query) query.set(parameter.name, String(sample(doc, parameter.schema, {})))
  for (const [name, value] of Object.entries(override.query ?? {})) query.set(name, value)
  if (query.size > 0) url += `?${query}`
  if (override.raw) return { method: op.method, url, payload: override.raw.payload, headers: { 'content-type': override.raw.contentType } }
  const payload = op.body ? { ...(sample(doc, op.body, bodyIds(w)) as object), ...override.body?.(w) } : undefined
  return { method: op.method, url, payload }
}

/** Operations that need a request of their own to be valid: each must name an operation of the document. */
export const overriddenOperations = Object.keys(overrides)
