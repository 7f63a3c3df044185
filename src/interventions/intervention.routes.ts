import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from '@sinclair/typebox'
import type { ChangeContext } from '../context.js'
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
import { createContact } from './contact.service.js'
import { findInterventionById, listContacts, listInterventions, listScores } from './intervention.repository.js'
import {
  AuditCreateSchema,
  BaselineFollowUpCreateSchema,
  ConsentExtensionCreateSchema,
  ConsentRenewalCreateSchema,
  ContactCreateSchema,
  ContactListQuery,
  ContactPageSchema,
  ContactSchema,
  DurationExceptionCreateSchema,
  EndSchema,
  FiveMonthCheckCreateSchema,
  InterventionCreateSchema,
  InterventionListQuery,
  InterventionPageSchema,
  InterventionSchema,
  JointSupervisionCreateSchema,
  MeasureSelectionCreateSchema,
  MeetingCreateSchema,
  OutcomeScoreCreateSchema,
  OutcomeScoreListSchema,
  OutcomeScoreSchema,
  ResumeSchema,
  ReviewCreateSchema,
  SuspendSchema,
} from './intervention.schemas.js'
import { createIntervention, presentContacts, presentInterventions } from './intervention.service.js'
import { endIntervention, recordBaselineFollowUp } from './intervention-end.service.js'
import { recordScore, selectMeasures } from './intervention-outcomes.service.js'
import {
  extendConsent,
  recordAudit,
  recordDurationException,
  recordFiveMonthCheck,
  recordJointSupervision,
  recordMeeting,
  recordReview,
  renewConsent,
  resumeIntervention,
  suspendIntervention,
} from './intervention-steps.service.js'

type Action = (db: Db, ctx: ChangeContext, id: string, body: never, expected: number | null) => ReturnType<typeof recordReview>

export const interventionRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Interventions']
  const workers = ['manager', 'practitioner'] as const
  const managers = ['manager'] as const
  const response = { 200: ref(InterventionSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }

  const visible = async (id: string, caller: Parameters<typeof assertTeamVisible>[0]) => {
    const row = await findInterventionById(db, id)
    if (!row) throw notFound(`Intervention ${id}`)
    assertTeamVisible(caller, row.teamId, `Intervention ${id}`)
    return row
  }

  app.post(
    '/interventions',
    {
      config: { access: workers },
      schema: {
        tags,
        operationId: 'createIntervention',
        summary: 'Start an intervention from an allocation',
        description:
          'Practitioners and managers. Carries over the request’s focus and target outcomes (as agreed outcomes) and the joint visit’s working together agreement, danger statements and safety goals. Starts the intervention’s clocks under the team’s preset (TRT: initial review 12 weeks, maximum duration 6 months, consent period 3 months, audits at 4 weeks, 3 and 6 months, joint supervision every 3 months, weekly contact) and counts as planning progress on the allocation. One intervention per allocation (409); the allocation must be active (409).',
        body: ref(InterventionCreateSchema),
        response: { 201: ref(InterventionSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const intervention = await createIntervention(db, changeContext(request), request.body)
      reply.code(201).header('location', `/interventions/${intervention.id}`)
      return withETag(reply, intervention)
    },
  )

  app.get(
    '/interventions',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listInterventions',
        summary: 'List interventions',
        description: 'Ordered by id, each with its selected measures and SLA block as of `asOf`.',
        querystring: InterventionListQuery,
        response: { 200: ref(InterventionPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, asOf, ...filters } = request.query
      const page = toPage(await listInterventions(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: await presentInterventions(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/interventions/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getIntervention',
        summary: 'Read an intervention',
        description: 'With its reviews, audits, supervision, suspensions, ending, selected measures and SLA block as of `asOf`.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(InterventionSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await visible(request.params.id, request.caller)
      return withETag(reply, (await presentInterventions(db, [row], readView(request, request.query.asOf)))[0])
    },
  )

  const actions: { path: string; operationId: string; summary: string; description: string; access: readonly string[]; body: TSchema; run: Action }[] = [
    {
      path: 'reviews',
      operationId: 'recordInterventionReview',
      summary: 'Record a review',
      access: workers,
      body: ReviewCreateSchema,
      run: recordReview as Action,
      description:
        'Stops the initial-review clock (and Targeted Help’s first review). `continue` is recorded by practitioners; `extend` (with `extendedUntil`) and `end` are managers’ decisions (403 otherwise). Extending past the maximum duration (6 months plus any suspension) needs a recorded duration exception (422 naming `extendedUntil`). A decision to end is followed by the ending with its summary.',
    },
    {
      path: 'consent-extension',
      operationId: 'extendInterventionConsent',
      summary: 'Extend the family’s consent',
      access: managers,
      body: ConsentExtensionCreateSchema,
      run: extendConsent as Action,
      description:
        'Managers. Once only (409 the second time), while consent still runs (409 `consent-lapsed` after it), to a date after the initial 3 months and at most 6 months from the start (422 naming `until`). Stops the consent-period clock and starts the extended-consent clock, due on `until`.',
    },
    {
      path: 'consent-renewal',
      operationId: 'renewInterventionConsent',
      summary: 'Record the family’s renewed consent',
      access: managers,
      body: ConsentRenewalCreateSchema,
      run: renewConsent as Action,
      description:
        'Managers. Only after consent has lapsed (409 before: extend it instead). The work may continue to `until`, no later than the latest the intervention may run to. Stops the lapsed consent’s clock (late) and starts one due on `until`.',
    },
    {
      path: 'audits',
      operationId: 'recordInterventionAudit',
      summary: 'Record a casework audit',
      access: workers,
      body: AuditCreateSchema,
      run: recordAudit as Action,
      description:
        'The first (within 4 weeks), three-month and final audits (000 §10), each once; each stops its clock. The final audit may be recorded after the ending.',
    },
    {
      path: 'joint-supervisions',
      operationId: 'recordJointSupervision',
      summary: 'Record joint supervision with the lead professional',
      access: workers,
      body: JointSupervisionCreateSchema,
      run: recordJointSupervision as Action,
      description: 'At 3 and 6 months (000 §11): each stops the joint-supervision clock and starts the next.',
    },
    {
      path: 'meetings',
      operationId: 'recordInterventionMeeting',
      summary: 'Record a Team Around the Family meeting',
      access: workers,
      body: MeetingCreateSchema,
      run: recordMeeting as Action,
      description:
        'Level 3 (document 002): the first meeting starts the 8-weekly TAF review clock, each review starts the next, and the final meeting must be held before the case is closed.',
    },
    {
      path: 'five-month-check',
      operationId: 'recordFiveMonthCheck',
      summary: 'Record the five-month assurance check',
      access: managers,
      body: FiveMonthCheckCreateSchema,
      run: recordFiveMonthCheck as Action,
      description: 'Managers (the co-ordinator). Level 3: families open 5 months are checked to be active and purposeful.',
    },
    {
      path: 'suspend',
      operationId: 'suspendIntervention',
      summary: 'Suspend the intervention',
      access: managers,
      body: SuspendSchema,
      run: suspendIntervention as Action,
      description:
        'Managers. E.g. during a Section 47 enquiry (document 003). Pauses the pausable clocks (TRT: initial review, maximum duration, weekly contact); the others keep running.',
    },
    {
      path: 'resume',
      operationId: 'resumeIntervention',
      summary: 'Resume a suspended intervention',
      access: managers,
      body: ResumeSchema,
      run: resumeIntervention as Action,
      description: 'Managers. The paused clocks run again, their due dates moved by the working days paused (each move is a `sla-clock.due-date-moved` event).',
    },
    {
      path: 'duration-exception',
      operationId: 'recordDurationException',
      summary: 'Record an exception to work past 6 months',
      access: managers,
      body: DurationExceptionCreateSchema,
      run: recordDurationException as Action,
      description:
        'Managers. Allows reviews to extend the work past the maximum duration, to `until`. The maximum-duration clock keeps its verdict: the exception is the recorded reason.',
    },
    {
      path: 'end',
      operationId: 'endIntervention',
      summary: 'End the intervention with the summary of work',
      access: workers,
      body: EndSchema,
      run: endIntervention as Action,
      description:
        'Requires the summary of work: `summary`, `progress` towards the agreed outcomes, the child’s views (`childViews`) and `onwardSupport` (400 naming each missing field). Stops or cancels the intervention’s clocks per the preset; the final audit clock stays open until the final audit is recorded (send `finalAudit` to record it with the ending). Ends the allocation and the request, and sets `followUpDueOn`, 6 months later, for the baseline measures. Level 3 needs the final meeting first (422).',
    },
    {
      path: 'baseline-follow-up',
      operationId: 'recordBaselineFollowUp',
      summary: 'Record the baseline measures at the 6-month follow-up',
      access: workers,
      body: BaselineFollowUpCreateSchema,
      run: recordBaselineFollowUp as Action,
      description: 'Once, on or after `followUpDueOn`: whether each baseline measure was achieved.',
    },
    {
      path: 'outcome-measures',
      operationId: 'selectOutcomeMeasures',
      summary: 'Select outcome measures',
      access: workers,
      body: MeasureSelectionCreateSchema,
      run: selectMeasures as Action,
      description:
        'Measures from `/outcome-measures`, chosen with the family, the social worker and the practitioner (`selectedBy`). Selecting a measure again keeps the first selection.',
    },
  ]

  for (const action of actions) {
    app.post(
      `/interventions/:id/${action.path}`,
      {
        config: { access: action.access as Access },
        schema: {
          tags,
          operationId: action.operationId,
          summary: action.summary,
          description: action.description,
          params: IdParams,
          body: ref(action.body),
          response,
        },
      },
      async (request, reply) =>
        withETag(reply, await action.run(db, changeContext(request), request.params.id, request.body as never, expectedVersion(request))),
    )
  }

  app.post(
    '/interventions/:id/contacts',
    {
      config: { access: workers },
      schema: {
        tags,
        operationId: 'createContact',
        summary: 'Record a contact (case recording)',
        description:
          'The Signs of Safety recording of 000 §13. The contact stops the weekly-contact clock and starts the next 7 days; its own contact-recorded clock (2 working days from the contact to `recordedAt`) is stopped by the recording. Contacts after the ending are refused (409).',
        params: IdParams,
        body: ref(ContactCreateSchema),
        response: { 201: ref(ContactSchema), ...errors(...WRITE_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const contact = await createContact(db, changeContext(request), request.params.id, request.body)
      reply.code(201).header('location', `/interventions/${request.params.id}/contacts/${contact.id}`)
      return withETag(reply, contact)
    },
  )

  app.get(
    '/interventions/:id/contacts',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listContacts',
        summary: 'List an intervention’s contacts',
        description: 'Ordered by id, each with its recording clock as of `asOf`.',
        params: IdParams,
        querystring: ContactListQuery,
        response: { 200: ref(ContactPageSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      await visible(request.params.id, request.caller)
      const { limit = 50, cursor, asOf } = request.query
      const page = toPage(await listContacts(db, request.params.id, { limit, after: decodeCursor(cursor) }), limit)
      return { ...page, items: await presentContacts(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/interventions/:id/contacts/:contactId',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getContact',
        summary: 'Read a contact',
        params: Strict({ id: IdParams.properties.id, contactId: IdParams.properties.id }),
        querystring: Strict(AsOfQuery),
        response: { 200: ref(ContactSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await visible(request.params.id, request.caller)
      const row = await db
        .selectFrom('interventionContacts')
        .selectAll()
        .where('id', '=', request.params.contactId)
        .where('interventionId', '=', request.params.id)
        .executeTakeFirst()
      if (!row) throw notFound(`Contact ${request.params.contactId}`)
      return withETag(reply, (await presentContacts(db, [row], readView(request, request.query.asOf)))[0])
    },
  )

  app.post(
    '/interventions/:id/outcome-scores',
    {
      config: { access: workers },
      schema: {
        tags,
        operationId: 'recordOutcomeScore',
        summary: 'Record an outcome score',
        description:
          'A score from 1 to 10 of a selected, scored measure at `start`, `review` or `end`, from one perspective (`social_worker`, `practitioner`, `child`, `parent_carer`). Perspectives may disagree and all are kept; one score per measure, phase and perspective (409 for a second). An unknown measure is 422 `invalid-reference`; a measure not selected for the intervention, or a baseline measure, is 422/400 naming `measureId`.',
        params: IdParams,
        body: ref(OutcomeScoreCreateSchema),
        response: { 201: ref(OutcomeScoreSchema), ...errors(...WRITE_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const score = await recordScore(db, changeContext(request), request.params.id, request.body)
      reply.code(201)
      return withETag(reply, score)
    },
  )

  app.get(
    '/interventions/:id/outcome-scores',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listOutcomeScores',
        summary: 'List an intervention’s outcome scores',
        description: 'Every score, by measure, phase and perspective.',
        params: IdParams,
        response: { 200: ref(OutcomeScoreListSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      await visible(request.params.id, request.caller)
      const rows = await listScores(db, request.params.id)
      return { items: rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => row) }
    },
  )
}
