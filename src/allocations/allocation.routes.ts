import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { parseAsOf } from '../http/as-of.js'
import { type Access, READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { findAllocationById, listAllocations } from './allocation.repository.js'
import {
  AllocationCreateSchema,
  AllocationEndSchema,
  AllocationListQuery,
  AllocationPageSchema,
  AllocationSchema,
  CaseDiscussionCreateSchema,
  JointVisitCreateSchema,
  PlanSignOffCreateSchema,
  VisitCreateSchema,
} from './allocation.schemas.js'
import { createAllocation, endAllocation, presentAllocations, recordAllocationStep } from './allocation.service.js'

export const allocationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Allocations']
  const workers = { access: ['manager', 'practitioner'] as const }
  const response = { 200: ref(AllocationSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }

  app.post(
    '/allocations',
    {
      config: { access: ['manager'] as const },
      schema: {
        tags,
        operationId: 'createAllocation',
        summary: 'Allocate a request to a practitioner',
        description:
          'Managers. Stops the request’s allocation clock and starts the allocation’s clocks (case discussion, joint visit, planning progress, or the preset’s own). A request that is declined, returned, withdrawn, ended or already allocated gets 409. Past the practitioner’s caseload capacity, 409 `caseload-capacity-exceeded` unless `override.reason` is given.',
        body: ref(AllocationCreateSchema),
        response: { 201: ref(AllocationSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const allocation = await createAllocation(db, changeContext(request), request.body)
      reply.code(201).header('location', `/allocations/${allocation.id}`)
      return withETag(reply, allocation)
    },
  )

  app.get(
    '/allocations',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listAllocations',
        summary: 'List allocations',
        description: 'Ordered by id, each with its SLA block as of `asOf`.',
        querystring: AllocationListQuery,
        response: { 200: ref(AllocationPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, asOf, ...filters } = request.query
      const page = toPage(await listAllocations(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: await presentAllocations(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/allocations/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getAllocation',
        summary: 'Read an allocation',
        description: 'With its steps and SLA block as of `asOf`.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(AllocationSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await findAllocationById(db, request.params.id)
      if (!row) throw notFound(`Allocation ${request.params.id}`)
      assertTeamVisible(request.caller, row.teamId, `Allocation ${request.params.id}`)
      return withETag(reply, (await presentAllocations(db, [row], readView(request, request.query.asOf)))[0])
    },
  )

  const steps = [
    {
      path: 'case-discussion',
      operationId: 'recordCaseDiscussion',
      summary: 'Record the case discussion',
      access: workers,
      body: CaseDiscussionCreateSchema,
      description: 'The case discussion with the social worker (within 5 working days of allocation in the TRT preset); counts as planning progress.',
      column: 'caseDiscussion',
      event: 'allocation.case-discussion-held',
      timeField: 'heldAt',
    },
    {
      path: 'joint-visit',
      operationId: 'recordJointVisit',
      summary: 'Record the joint visit',
      access: workers,
      body: JointVisitCreateSchema,
      description:
        'The joint visit with the social worker: the working together agreement, danger statements and safety goals (within 10 working days of allocation in the TRT preset); counts as planning progress.',
      column: 'jointVisit',
      event: 'allocation.joint-visit-held',
      timeField: 'heldAt',
    },
    {
      path: 'initial-visit',
      operationId: 'recordInitialVisit',
      summary: 'Record the initial home visit',
      access: workers,
      body: VisitCreateSchema,
      description: 'The family support worker’s first visit (Level 3: within 5 days of allocation; consent is obtained here).',
      column: 'initialVisit',
      event: 'allocation.initial-visit-held',
      timeField: 'heldAt',
    },
    {
      path: 'plan-sign-off',
      operationId: 'signOffPlan',
      summary: 'Sign off the family’s plan',
      access: { access: ['manager'] as const },
      body: PlanSignOffCreateSchema,
      description: 'The co-ordinator signs off the plan (Level 3: within 20 working days of allocation).',
      column: 'planSignOff',
      event: 'allocation.plan-signed-off',
      timeField: 'signedOffAt',
    },
  ] as const

  // Each step after allocation: recorded once, at its own time, stopping the clocks its event stops.
  for (const step of steps) {
    app.post(
      `/allocations/:id/${step.path}`,
      {
        config: step.access as { access: Access },
        schema: { tags, operationId: step.operationId, summary: step.summary, description: step.description, params: IdParams, body: ref(step.body), response },
      },
      async (request, reply) => {
        const { [step.timeField]: time, ...record } = request.body as Record<string, unknown>
        return withETag(
          reply,
          await recordAllocationStep(
            db,
            changeContext(request),
            request.params.id,
            {
              column: step.column,
              event: step.event,
              time: { field: step.timeField, value: time as string | undefined },
              record,
            },
            expectedVersion(request),
          ),
        )
      },
    )
  }

  app.post(
    '/allocations/:id/end',
    {
      config: { access: ['manager'] as const },
      schema: {
        tags,
        operationId: 'endAllocation',
        summary: 'End an allocation',
        description: 'The practitioner comes off the case; the allocation’s open clocks are cancelled.',
        params: IdParams,
        body: ref(AllocationEndSchema),
        response,
      },
    },
    async (request, reply) => withETag(reply, await endAllocation(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
