/**
 * Realistic examples for the schemas a reader meets first, shown by the reference page and used to fill
 * its "Try it out" forms. A test validates each against its schema, so they cannot drift from the contract.
 */
import { IMPORT_EXAMPLES } from './imports/import.examples.js'
import { TREND_EXAMPLES } from './reports/breach-trend.examples.js'

const TEAM = '0193b1d2-0000-7000-8000-000000000001'
const FAMILY = '0193b1d2-6c1e-7a4b-9a55-3f1f0f3c2a10'
const REQUEST = '0193b1d4-2a7c-7d31-b0a2-5e6f7a8b9c0d'

const members = [
  { givenName: 'Sam', familyName: 'Okafor', dateOfBirth: '2015-03-01', role: 'child' },
  { givenName: 'Alex', familyName: 'Okafor', dateOfBirth: '1988-07-09', role: 'parent_carer' },
]
const leadProfessional = { name: 'Jo Patel', role: 'social_worker', organisation: 'Children’s Social Care', email: 'jo.patel@example.org' }

const allocationClock = {
  id: '0193b1d4-2a7d-7e10-9c3b-1a2b3c4d5e6f',
  standard: 'allocation',
  title: 'Allocate within 3 working days of the request',
  target: { amount: 3, unit: 'working_days' },
  calendar: 'england-and-wales',
  subjectType: 'service_request',
  subjectId: REQUEST,
  startedAt: '2026-12-23T10:00:00.000Z',
  dueDate: '2026-12-30',
  dueAt: '2026-12-30T23:59:59.999Z',
  completedAt: null,
  closedAt: null,
  recordedAfterDue: false,
  status: 'due_soon',
  workingDaysElapsed: 2,
  workingDaysRemaining: 1,
}
const slaBlock = { asOf: '2026-12-29T09:00:00.000Z', status: 'due_soon', clocks: [allocationClock] }

export const SCHEMA_EXAMPLES: Record<string, unknown> = {
  FamilyCreate: {
    teamId: TEAM,
    reference: 'FAM-2026-0142',
    tier: 3,
    plan: 'child_in_need',
    externalRefs: [{ system: 'mosaic', value: 'F-10234' }],
    members,
    address: { line1: '12 Orchard Close', town: 'Leeds', postcode: 'LS6 2AB' },
    leadProfessional,
  },
  Family: {
    id: FAMILY,
    teamId: TEAM,
    reference: 'FAM-2026-0142',
    tier: 3,
    plan: 'child_in_need',
    externalRefs: [{ system: 'mosaic', value: 'F-10234' }],
    members: members.map((m, i) => ({ id: `0193b1d2-6c1f-7000-8000-00000000000${i + 1}`, ...m })),
    address: { line1: '12 Orchard Close', town: 'Leeds', postcode: 'LS6 2AB' },
    leadProfessional,
    sla: slaBlock,
    createdAt: '2026-12-23T09:41:12.345Z',
    updatedAt: '2026-12-23T09:41:12.345Z',
    version: 1,
  },
  ServiceRequestCreate: {
    familyId: FAMILY,
    teamId: TEAM,
    kind: 'intervention',
    route: 'casework_supervision',
    focus: 'Support with morning routines and school attendance',
    targetOutcomes: ['Sam attends school every day', 'Mornings are calm and on time'],
    requestedBy: leadProfessional,
    consent: { given: true, recordedAt: '2026-12-22T15:00:00Z', recordedBy: 'Jo Patel' },
    receivedAt: '2026-12-23T10:00:00Z',
    externalRefs: [{ system: 'mosaic', value: 'R-55120' }],
  },
  SlaClock: allocationClock,
  SlaBlock: slaBlock,
  Problem: {
    type: '/problems/validation-error',
    title: 'The request is not valid',
    status: 400,
    detail: 'members[0].dateOfBirth: must match format "date"',
    instance: '/families',
    requestId: '6f1c2e1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    errors: [{ in: 'body', field: 'members[0].dateOfBirth', message: 'must match format "date"' }],
  },
  ...IMPORT_EXAMPLES,
  ...TREND_EXAMPLES,
}

/** Adds each example to its component schema (JSON Schema `examples`). */
export function withSchemaExamples<T extends { components?: { schemas?: Record<string, object> } }>(document: T): T {
  const schemas = document.components?.schemas
  if (!schemas) return document
  for (const [id, example] of Object.entries(SCHEMA_EXAMPLES)) {
    if (schemas[id]) schemas[id] = { ...schemas[id], examples: [example] }
  }
  return document
}
