import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Role } from '../context.js'
import type { Db } from '../db/database.js'
import { parseAsOf } from '../http/as-of.js'
import { READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { forbidden, notFound } from '../http/problems.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { findEscalationById, listEscalations } from './escalation.repository.js'
import {
  EscalationActCreateSchema,
  EscalationCreateSchema,
  EscalationDecisionCreateSchema,
  EscalationListQuery,
  EscalationPageSchema,
  EscalationSchema,
  EscalationStepCreateSchema,
  HubContactCreateSchema,
  StepUpOutcomeCreateSchema,
} from './escalation.schemas.js'
import { advanceEscalation, createEscalation, type EscalationAction, presentEscalations } from './escalation.service.js'

/** Who may raise each kind: practitioners raise disagreements and concerns; case systems record step up and down. */
const RAISERS: Record<string, readonly Role[]> = {
  disagreement: ['manager', 'practitioner'],
  safeguarding_concern: ['manager', 'practitioner'],
  step_up: ['manager', 'integration'],
  step_down: ['manager', 'integration'],
}

export const escalationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Escalations']
  const response = { 200: ref(EscalationSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }

  app.post(
    '/escalations',
    {
      config: { access: ['manager', 'practitioner', 'integration'] },
      schema: {
        tags,
        operationId: 'createEscalation',
        summary: 'Raise an escalation',
        description:
          'A professional disagreement (000 §15), a step up to or step down from children’s social care (004 §8–§9; 002), or a safeguarding concern (000 §11.1; 004 §7). ' +
          'Practitioners and managers raise disagreements and concerns; integrations and managers record step-ups and step-downs. ' +
          'A step-up is idempotent on the family’s open step-up: asking again returns the open one with 200.',
        body: ref(EscalationCreateSchema),
        response: { 201: ref(EscalationSchema), 200: ref(EscalationSchema), ...errors(...WRITE_ERRORS, 422) },
      },
    },
    async (request, reply) => {
      const { role } = request.caller
      if (role !== 'admin' && !RAISERS[request.body.kind].includes(role)) throw forbidden(`The ${role} role may not raise a ${request.body.kind}`)
      const { created, escalation } = await createEscalation(db, changeContext(request), request.body)
      reply.code(created ? 201 : 200).header('location', `/escalations/${escalation.id}`)
      return withETag(reply, escalation)
    },
  )

  app.get(
    '/escalations',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listEscalations',
        summary: 'List escalations',
        description: 'Ordered by id, each with its SLA block as of `asOf`.',
        querystring: EscalationListQuery,
        response: { 200: ref(EscalationPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, asOf, ...filters } = request.query
      const page = toPage(await listEscalations(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: await presentEscalations(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/escalations/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getEscalation',
        summary: 'Read an escalation',
        description: 'With its steps, decisions and SLA block as of `asOf`.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(EscalationSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await findEscalationById(db, request.params.id)
      if (!row) throw notFound(`Escalation ${request.params.id}`)
      assertTeamVisible(request.caller, row.teamId, `Escalation ${request.params.id}`)
      return withETag(reply, (await presentEscalations(db, [row], readView(request, request.query.asOf)))[0])
    },
  )

  const step = <B>(
    path: string,
    operationId: string,
    summary: string,
    description: string,
    roles: readonly Role[],
    body: B,
    toAction: (body: any) => EscalationAction,
  ) =>
    app.post(
      `/escalations/:id/${path}`,
      {
        config: { access: roles },
        schema: { tags, operationId, summary, description, params: IdParams, body: body as never, response },
      },
      async (request, reply) =>
        withETag(
          reply,
          await advanceEscalation(db, changeContext(request), (request.params as { id: string }).id, toAction(request.body), expectedVersion(request)),
        ),
    )

  const workers = ['manager', 'practitioner'] as const
  step(
    'steps',
    'stepUpDisagreement',
    'Take a disagreement up the ladder',
    'To `social_care_discussion` (starts the 2-working-day `disagreement-step` clock), then `service_manager` (stops it). Levels only go up.',
    workers,
    ref(EscalationStepCreateSchema),
    (b) => ({ kind: 'step', ...b }),
  )
  step(
    'resolve',
    'resolveEscalation',
    'Record that a disagreement or concern was resolved',
    'Closes it without a final decision.',
    ['manager'],
    ref(EscalationActCreateSchema),
    (b) => ({ kind: 'resolve', ...b }),
  )
  step(
    'final-decision',
    'recordFinalDecision',
    'Record the head of service’s final decision',
    'Once the disagreement is with the service manager / head of service; closes it (000 §15, step 4).',
    ['manager'],
    ref(EscalationDecisionCreateSchema),
    (b) => ({ kind: 'final-decision', ...b }),
  )
  step('withdraw', 'withdrawEscalation', 'Withdraw an escalation', 'Cancels its clocks.', workers, ref(EscalationActCreateSchema), (b) => ({
    kind: 'withdraw',
    ...b,
  }))
  step(
    'outcome',
    'recordStepUpOutcome',
    'Record the outcome of a step-up',
    'Closes the family’s open step-up.',
    ['manager', 'integration'],
    ref(StepUpOutcomeCreateSchema),
    (b) => ({ kind: 'outcome', ...b }),
  )
  step(
    'manager-informed',
    'recordConcernRaisedWithManager',
    'Record that the concern was raised with a manager',
    'Stops the same-day `safeguarding-raised` clock.',
    workers,
    ref(EscalationActCreateSchema),
    (b) => ({ kind: 'manager-informed', ...b }),
  )
  step(
    'hub-contacts',
    'recordHubContact',
    'Record a contact to the safeguarding hub',
    'By phone, it starts the 48-hour `written-follow-up` clock; either way the 5-working-day `contact-feedback` clock (early-help preset).',
    workers,
    ref(HubContactCreateSchema),
    (b) => ({ kind: 'hub-contact', ...b }),
  )
  step(
    'written-follow-up',
    'recordWrittenFollowUp',
    'Record the written follow-up of a telephone contact',
    'Stops the `written-follow-up` clock.',
    workers,
    ref(EscalationActCreateSchema),
    (b) => ({ kind: 'written-follow-up', ...b }),
  )
  step(
    'feedback',
    'recordHubFeedback',
    'Record the hub’s feedback on the contact',
    'Stops the `contact-feedback` clock.',
    workers,
    ref(EscalationActCreateSchema),
    (b) => ({ kind: 'feedback', ...b }),
  )
}
