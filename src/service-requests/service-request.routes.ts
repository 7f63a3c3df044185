import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { parseExternalRefFilter } from '../external-refs/external-ref.repository.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { listServiceRequests } from './service-request.repository.js'
import {
  DecisionCreateSchema,
  ServiceRequestCreateSchema,
  ServiceRequestListQuery,
  ServiceRequestPageSchema,
  ServiceRequestPatchSchema,
  ServiceRequestSchema,
  WithdrawSchema,
} from './service-request.schemas.js'
import {
  createServiceRequest,
  decideServiceRequest,
  getServiceRequest,
  presentServiceRequests,
  updateServiceRequest,
  withdrawServiceRequest,
} from './service-request.service.js'

export const serviceRequestRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Service requests']
  const writers = { access: ['manager', 'integration'] as const }
  const response = { 200: ref(ServiceRequestSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }

  app.post(
    '/service-requests',
    {
      config: writers,
      schema: {
        tags,
        operationId: 'createServiceRequest',
        summary: 'Receive a request for service',
        description:
          'A referral for a family. Without `consent.given: true` it is refused with 422 `consent-required`, except for teams whose preset obtains consent at the first visit (level-3). Starts the team’s `allocation` clock from `receivedAt` (which may be backfilled, never in the future).',
        body: ref(ServiceRequestCreateSchema),
        response: { 201: ref(ServiceRequestSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const created = await createServiceRequest(db, changeContext(request), request.body)
      reply.code(201).header('location', `/service-requests/${created.id}`)
      return withETag(reply, created)
    },
  )

  app.get(
    '/service-requests',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listServiceRequests',
        summary: 'List requests for service',
        description: 'Ordered by id, each with its SLA block as of `asOf` (the clocks of a page load in one query).',
        querystring: ServiceRequestListQuery,
        response: { 200: ref(ServiceRequestPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, externalRef, asOf, ...filters } = request.query
      const rows = await listServiceRequests(db, {
        ...filters,
        limit,
        after: decodeCursor(cursor),
        onlyTeamId: request.caller.teamId,
        externalRef: externalRef ? parseExternalRefFilter(externalRef) : undefined,
      })
      const page = toPage(rows, limit)
      return { ...page, items: await presentServiceRequests(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/service-requests/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getServiceRequest',
        summary: 'Read a request for service',
        description: 'With its status, decision and SLA block as of `asOf`.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(ServiceRequestSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await getServiceRequest(db, request.caller, request.params.id, readView(request, request.query.asOf))),
  )

  app.patch(
    '/service-requests/:id',
    {
      config: writers,
      schema: {
        tags,
        operationId: 'updateServiceRequest',
        summary: 'Change a request’s details',
        description: 'Focus, target outcomes, requester and external references.',
        params: IdParams,
        body: ref(ServiceRequestPatchSchema),
        response,
      },
    },
    async (request, reply) =>
      withETag(reply, await updateServiceRequest(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )

  app.post(
    '/service-requests/:id/decision',
    {
      config: { access: ['manager'] as const },
      schema: {
        tags,
        operationId: 'decideServiceRequest',
        summary: 'Accept, decline or return a request',
        description:
          'The screening decision on a received request (409 otherwise). Declining or returning needs a reason; either stops the allocation clock, and the requester is to be told the outcome.',
        params: IdParams,
        body: ref(DecisionCreateSchema),
        response,
      },
    },
    async (request, reply) =>
      withETag(reply, await decideServiceRequest(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )

  app.post(
    '/service-requests/:id/withdraw',
    {
      config: writers,
      schema: {
        tags,
        operationId: 'withdrawServiceRequest',
        summary: 'Withdraw a request',
        description: 'A received or accepted request is withdrawn by the requester; its clocks are cancelled without a verdict.',
        params: IdParams,
        body: ref(WithdrawSchema),
        response,
      },
    },
    async (request, reply) =>
      withETag(reply, await withdrawServiceRequest(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
