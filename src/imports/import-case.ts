import type { Transaction } from 'kysely'
import { createAllocation } from '../allocations/allocation.service.js'
import { recordCaseDiscussion, recordJointVisit } from '../allocations/allocation-steps.service.js'
import type { ChangeContext } from '../context.js'
import type { Database } from '../db/schema.js'
import { createEscalation } from '../escalations/escalation.service.js'
import { type ExternalRef, findResourcesWithRefs } from '../external-refs/external-ref.repository.js'
import { createFamily, visibleFamily } from '../families/family.service.js'
import { ProblemError } from '../http/problems.js'
import { createContact } from '../interventions/contact.service.js'
import { createIntervention } from '../interventions/intervention.service.js'
import { endIntervention } from '../interventions/intervention-end.service.js'
import { recordReview } from '../interventions/intervention-steps.service.js'
import { createServiceRequest, decideServiceRequest, withdrawServiceRequest } from '../service-requests/service-request.service.js'
import type { ImportCase } from './import.schemas.js'

type Trx = Transaction<Database>
type RequestImport = NonNullable<ImportCase['requests']>[number]
type AllocationImport = NonNullable<RequestImport['allocation']>
type InterventionImport = NonNullable<AllocationImport['intervention']>

export interface CaseApplied {
  familyId: string
  created: { families: number; serviceRequests: number; escalations: number }
}

/** Runs one step of the case; a problem it raises names its fields by their place in the line (`requests[0].allocation.allocatedAt`). */
async function at<T>(path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error
    const errors = error.errors?.map((e) => ({ ...e, in: 'line', field: e.field ? `${path}.${e.field}` : path }))
    throw new ProblemError(error.kind, `${path}: ${error.detail}`, errors ?? [{ in: 'line', field: path, message: error.detail }], error.retryAfterSeconds)
  }
}

/** The one record of a kind that holds these references, or null; references split between two records are a conflict. */
async function existing(trx: Trx, kind: 'family' | 'service_request', refs: ExternalRef[], path: string): Promise<string | null> {
  const ids = await findResourcesWithRefs(trx, kind, refs)
  if (ids.length > 1) throw new ProblemError('duplicate-external-ref', `${path}: the references belong to ${ids.length} different records`)
  return ids[0] ?? null
}

const timeOf = (step: { occurredAt?: string; heldAt?: string }) => Date.parse(step.occurredAt ?? step.heldAt ?? '')

/** Contacts and reviews in the order they happened, then the ending. */
async function applyIntervention(trx: Trx, ctx: ChangeContext, allocationId: string, input: InterventionImport, path: string) {
  const { contacts = [], reviews = [], end, startedAt } = input
  const intervention = await at(path, () => createIntervention(trx, ctx, { allocationId, startedAt }))
  const steps = [
    ...contacts.map((contact, i) => ({ contact, review: undefined, path: `${path}.contacts[${i}]`, when: timeOf(contact) })),
    ...reviews.map((review, i) => ({ contact: undefined, review, path: `${path}.reviews[${i}]`, when: timeOf(review) })),
  ].sort((a, b) => a.when - b.when)
  for (const step of steps) {
    if (step.contact) await at(step.path, () => createContact(trx, ctx, intervention.id, step.contact))
    else if (step.review) await at(step.path, () => recordReview(trx, ctx, intervention.id, step.review, null))
  }
  if (end) await at(`${path}.end`, () => endIntervention(trx, ctx, intervention.id, end, null))
}

async function applyAllocation(trx: Trx, ctx: ChangeContext, serviceRequestId: string, input: AllocationImport, path: string) {
  const { caseDiscussion, jointVisit, intervention, ...fields } = input
  const allocation = await at(path, () => createAllocation(trx, ctx, { ...fields, serviceRequestId }))
  if (caseDiscussion) await at(`${path}.caseDiscussion`, () => recordCaseDiscussion(trx, ctx, allocation.id, caseDiscussion, null))
  if (jointVisit) await at(`${path}.jointVisit`, () => recordJointVisit(trx, ctx, allocation.id, jointVisit, null))
  if (intervention) await applyIntervention(trx, ctx, allocation.id, intervention, `${path}.intervention`)
}

/** A request and what followed it, unless a request with its references is already there (false). */
async function applyRequest(trx: Trx, ctx: ChangeContext, family: { id: string; teamId: string }, input: RequestImport, path: string) {
  const found = await existing(trx, 'service_request', input.externalRefs, path)
  if (found) return false
  const { decision, withdrawal, allocation, ...fields } = input
  const request = await at(path, () => createServiceRequest(trx, ctx, { ...fields, familyId: family.id, teamId: family.teamId }))
  if (decision) await at(`${path}.decision`, () => decideServiceRequest(trx, ctx, request.id, decision, null))
  if (allocation) await applyAllocation(trx, ctx, request.id, allocation, `${path}.allocation`)
  if (withdrawal) await at(`${path}.withdrawal`, () => withdrawServiceRequest(trx, ctx, request.id, withdrawal, null))
  return true
}

/**
 * Applies one line of an import in `trx` through the same services as the API, so every rule, event and
 * clock is the one a case entered call by call would have. A family already there (found by its
 * references) is kept as it is, with its escalations; requests already there are skipped with all that
 * followed them.
 */
export async function applyCase(trx: Trx, ctx: ChangeContext, input: ImportCase): Promise<CaseApplied> {
  const created = { families: 0, serviceRequests: 0, escalations: 0 }
  const foundId = await existing(trx, 'family', input.family.externalRefs, 'family')
  let family: { id: string; teamId: string }
  if (foundId) {
    family = await visibleFamily(trx, ctx.caller, foundId)
  } else {
    family = await at('family', () => createFamily(trx, ctx, input.family))
    created.families = 1
  }
  for (const [i, request] of (input.requests ?? []).entries()) {
    if (await applyRequest(trx, ctx, family, request, `requests[${i}]`)) created.serviceRequests++
  }
  if (created.families === 1) {
    for (const [i, escalation] of (input.escalations ?? []).entries()) {
      const { id: familyId, teamId } = family
      await at(`escalations[${i}]`, () => createEscalation(trx, ctx, { ...escalation, familyId, teamId }))
      created.escalations++
    }
  }
  return { familyId: family.id, created }
}
