import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { listPlans } from './plan.repository.js'
import {
  PlanActionDoneSchema,
  PlanActionParams,
  PlanCreateSchema,
  PlanListQuery,
  PlanPageSchema,
  PlanReviewCreateSchema,
  PlanSchema,
  PlanSignOffSchema,
  PlanVersionListSchema,
  PlanVersionParams,
  PlanVersionSchema,
} from './plan.schemas.js'
import { completeAction, createPlan, findPlanById, findPlanVersion, presentPlans, reviewPlan, signOffPlan, versionsOfPlan } from './plan.service.js'

const presentVersion = ({ snapshot, ...v }: Awaited<ReturnType<typeof versionsOfPlan>>[number]) => ({ ...v, plan: snapshot })

export const planRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Plans']
  const workers = { access: ['manager', 'practitioner'] as const }
  const response = { 200: ref(PlanSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }

  const visiblePlan = async (caller: Parameters<typeof assertTeamVisible>[0], id: string) => {
    const row = await findPlanById(db, id)
    if (!row) throw notFound(`Plan ${id}`)
    assertTeamVisible(caller, row.teamId, `Plan ${id}`)
    return row
  }

  app.post(
    '/plans',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'createPlan',
        summary: 'Make a family’s plan',
        description:
          'For an allocated request: a TAF plan (001), Level 3 plan (002), contingency plan (004) or multi-agency action plan (000, with its working together agreement, danger statements and safety goals). Each action’s `dueOn` starts a clock, met when the action is done. Version 1 is kept. 409 where consent is obtained at the initial visit (002) and is not recorded.',
        body: ref(PlanCreateSchema),
        response: { 201: ref(PlanSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const plan = await createPlan(db, changeContext(request), request.body)
      reply.code(201).header('location', `/plans/${plan.id}`)
      return withETag(reply, plan)
    },
  )

  app.get(
    '/plans',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listPlans',
        summary: 'List plans',
        querystring: PlanListQuery,
        response: { 200: ref(PlanPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, ...filters } = request.query
      const page = toPage(await listPlans(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: await presentPlans(db, page.items, readView(request)) }
    },
  )

  app.get(
    '/plans/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getPlan',
        summary: 'Read a plan',
        description: 'Its latest version, with each action’s clock as of `asOf`.',
        params: IdParams,
        querystring: Strict({ ...AsOfQuery }),
        response: { 200: ref(PlanSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) =>
      withETag(reply, (await presentPlans(db, [await visiblePlan(request.caller, request.params.id)], readView(request, request.query.asOf)))[0]),
  )

  app.get(
    '/plans/:id/versions',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listPlanVersions',
        summary: 'Every version of a plan',
        description: 'Version 1 as made, then one per review.',
        params: IdParams,
        response: { 200: ref(PlanVersionListSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      await visiblePlan(request.caller, request.params.id)
      return { items: (await versionsOfPlan(db, request.params.id)).map(presentVersion) }
    },
  )

  app.get(
    '/plans/:id/versions/:number',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getPlanVersion',
        summary: 'One version of a plan, as it stood',
        params: PlanVersionParams,
        response: { 200: ref(PlanVersionSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      await visiblePlan(request.caller, request.params.id)
      const version = await findPlanVersion(db, request.params.id, request.params.number)
      if (!version) throw notFound(`Version ${request.params.number} of plan ${request.params.id}`)
      return presentVersion(version)
    },
  )

  app.post(
    '/plans/:id/reviews',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'reviewPlan',
        summary: 'Review a plan',
        description: 'A review (e.g. the TAF review every 8 weeks, 002) makes a new version with its changes and new actions; earlier versions are kept.',
        params: IdParams,
        body: ref(PlanReviewCreateSchema),
        response,
      },
    },
    async (request, reply) => withETag(reply, await reviewPlan(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )

  app.post(
    '/plans/:id/actions/:actionId/done',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'completePlanAction',
        summary: 'Mark an action done',
        description: 'Stops its clock: met, or met late after its date.',
        params: PlanActionParams,
        body: ref(PlanActionDoneSchema),
        response,
      },
    },
    async (request, reply) => withETag(reply, await completeAction(db, changeContext(request), request.params.id, request.params.actionId, request.body)),
  )

  app.post(
    '/plans/:id/sign-off',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'signOffFamilyPlan',
        summary: 'Sign off a plan',
        description:
          'A plan with no actions cannot be signed off (409). Signing off a Level 3 plan records the co-ordinator’s sign-off on its allocation, stopping the 20-working-day clock (002), as `POST /allocations/{id}/plan-sign-off` does.',
        params: IdParams,
        body: ref(PlanSignOffSchema),
        response,
      },
    },
    async (request, reply) => withETag(reply, await signOffPlan(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
