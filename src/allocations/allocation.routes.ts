import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static, TSchema } from '@sinclair/typebox'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { type Access, READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, type VersionCondition, withETag } from '../http/versioning.js'
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
import { createAllocation, presentAllocations } from './allocation.service.js'
import { endAllocation, recordCaseDiscussion, recordInitialVisit, recordJointVisit, signOffPlan } from './allocation-steps.service.js'

export const allocationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Allocations']
  const workers: Access = ['manager', 'practitioner']
  const managers: Access = ['manager']
  const response = { 200: ref(AllocationSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }

  app.post(
    '/allocations',
    {
      config: { access: managers },
      schema: {
        tags,
        operationId: 'createAllocation',
        summary: 'Allocate a request to a practitioner',
        description:
          'Managers. Stops the request’s allocation clock and starts the allocation’s clocks (case discussion, joint visit, planning progress, or the preset’s own). A request that is declined, returned, withdrawn, ended or already allocated, or a consultation request (answered by a consultation, never allocated), gets 409. A request whose allocation ended is allocated again from `accepted`. Past the practitioner’s caseload capacity, 409 `caseload-capacity-exceeded` unless `override.reason` is given.',
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

  /** A step after allocation: recorded once, at its own time, stopping the clocks its event stops. */
  const step = <S extends TSchema>(def: {
    path: string
    operationId: string
    summary: string
    description: string
    access: Access
    body: S
    run: (db: Db, ctx: ChangeContext, id: string, input: Static<S>, expected: VersionCondition) => ReturnType<typeof endAllocation>
  }) =>
    app.post(
      `/allocations/:id/${def.path}`,
      {
        config: { access: def.access },
        schema: { tags, operationId: def.operationId, summary: def.summary, description: def.description, params: IdParams, body: ref(def.body), response },
      },
      async (request, reply) => withETag(reply, await def.run(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
    )

  step({
    path: 'case-discussion',
    operationId: 'recordCaseDiscussion',
    summary: 'Record the case discussion',
    access: workers,
    body: CaseDiscussionCreateSchema,
    run: recordCaseDiscussion,
    description: 'The case discussion with the social worker (within 5 working days of allocation in the TRT preset); counts as planning progress.',
  })
  step({
    path: 'joint-visit',
    operationId: 'recordJointVisit',
    summary: 'Record the joint visit',
    access: workers,
    body: JointVisitCreateSchema,
    run: recordJointVisit,
    description:
      'The joint visit with the social worker: the working together agreement, danger statements and safety goals (within 10 working days of allocation in the TRT preset); counts as planning progress.',
  })
  step({
    path: 'initial-visit',
    operationId: 'recordInitialVisit',
    summary: 'Record the initial home visit',
    access: workers,
    body: VisitCreateSchema,
    run: recordInitialVisit,
    description: 'The family support worker’s first visit (Level 3: within 5 days of allocation; consent is obtained here).',
  })
  step({
    path: 'plan-sign-off',
    operationId: 'signOffPlan',
    summary: 'Sign off the family’s plan',
    access: managers,
    body: PlanSignOffCreateSchema,
    run: signOffPlan,
    description: 'The co-ordinator signs off the plan (Level 3: within 20 working days of allocation).',
  })

  app.post(
    '/allocations/:id/end',
    {
      config: { access: managers },
      schema: {
        tags,
        operationId: 'endAllocation',
        summary: 'End an allocation',
        description:
          'The practitioner comes off the case (left, moved): the allocation’s open clocks close (cancelled before due, missed after). The request returns to `accepted`, to be allocated again; the preset’s `reallocation` clock starts (TRT: 3 working days).',
        params: IdParams,
        body: ref(AllocationEndSchema),
        response,
      },
    },
    async (request, reply) => withETag(reply, await endAllocation(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
