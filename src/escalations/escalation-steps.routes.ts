import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../context.js'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { errors, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import {
  EscalationActCreateSchema,
  EscalationDecisionCreateSchema,
  EscalationSchema,
  EscalationStepCreateSchema,
  HubContactCreateSchema,
  StepUpOutcomeCreateSchema,
} from './escalation.schemas.js'
import { advanceEscalation, type EscalationStepInputs, type EscalationStepKind } from './escalation-steps.service.js'

type App = Parameters<FastifyPluginAsyncTypebox>[0]

/** The steps of an escalation's life, each `POST /escalations/:id/<path>` with the body its step takes. */
export function registerEscalationStepRoutes(app: App, db: Db): void {
  const tags = ['Escalations']
  const response = { 200: ref(EscalationSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }
  const route = <B extends TSchema>(operationId: string, summary: string, description: string, roles: readonly Role[], body: B) => ({
    config: { access: roles },
    schema: { tags, operationId, summary, description, params: IdParams, body, response },
  })
  /** Each handler names its step, so the compiler checks the body its schema gives against what that step takes. */
  const advance = async <K extends EscalationStepKind>(request: FastifyRequest, reply: FastifyReply, id: string, kind: K, body: EscalationStepInputs[K]) =>
    withETag(reply, await advanceEscalation(db, changeContext(request), id, kind, body, expectedVersion(request)))
  const workers = ['manager', 'practitioner'] as const

  app.post(
    '/escalations/:id/steps',
    route(
      'stepUpDisagreement',
      'Take a disagreement up the ladder',
      'To `social_care_discussion` (starts the 2-working-day `disagreement-step` clock), then `service_manager` (stops it). Levels only go up.',
      workers,
      ref(EscalationStepCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'step', request.body),
  )
  app.post(
    '/escalations/:id/resolve',
    route(
      'resolveEscalation',
      'Record that a disagreement or concern was resolved',
      'Closes it without a final decision.',
      ['manager'],
      ref(EscalationActCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'resolve', request.body),
  )
  app.post(
    '/escalations/:id/final-decision',
    route(
      'recordFinalDecision',
      'Record the head of service’s final decision',
      'Once the disagreement is with the service manager / head of service; closes it (000 §15, step 4).',
      ['manager'],
      ref(EscalationDecisionCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'final-decision', request.body),
  )
  app.post(
    '/escalations/:id/withdraw',
    route('withdrawEscalation', 'Withdraw an escalation', 'Cancels its clocks.', workers, ref(EscalationActCreateSchema)),
    async (request, reply) => advance(request, reply, request.params.id, 'withdraw', request.body),
  )
  app.post(
    '/escalations/:id/outcome',
    route(
      'recordStepUpOutcome',
      'Record the outcome of a step-up',
      'Closes the family’s open step-up; a `contact_to_safeguarding_hub` outcome starts the 5-working-day `contact-feedback` clock (early-help preset) and the step-up stays open until the hub’s feedback.',
      ['manager', 'integration'],
      ref(StepUpOutcomeCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'outcome', request.body),
  )
  app.post(
    '/escalations/:id/manager-informed',
    route(
      'recordConcernRaisedWithManager',
      'Record that the concern was raised with a manager',
      'Stops the same-day `safeguarding-raised` clock.',
      workers,
      ref(EscalationActCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'manager-informed', request.body),
  )
  app.post(
    '/escalations/:id/hub-contacts',
    route(
      'recordHubContact',
      'Record a contact to the safeguarding hub',
      'Stops the same-day `hub-contacted` clock (early-help preset). By phone, it starts the 48-hour `written-follow-up` clock; either way the 5-working-day `contact-feedback` clock (early-help preset). Whether the parents were told first is required unless the concern records it (004 §7).',
      workers,
      ref(HubContactCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'hub-contact', request.body),
  )
  app.post(
    '/escalations/:id/written-follow-up',
    route(
      'recordWrittenFollowUp',
      'Record the written follow-up of a telephone contact',
      'Stops the `written-follow-up` clock.',
      workers,
      ref(EscalationActCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'written-follow-up', request.body),
  )
  app.post(
    '/escalations/:id/feedback',
    route(
      'recordHubFeedback',
      'Record the hub’s feedback on the contact',
      'Stops the `contact-feedback` clock. On a step-up whose outcome was a contact to the hub, it completes the step-up.',
      workers,
      ref(EscalationActCreateSchema),
    ),
    async (request, reply) => advance(request, reply, request.params.id, 'feedback', request.body),
  )
}
