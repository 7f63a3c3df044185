import { CorrectionListSchema } from '../corrections/correction.schemas.js'
import { correctionsOf } from '../corrections/correction.service.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { visibleIntervention } from './intervention.service.js'
import { action, type RouteRegistration, WORKERS } from './intervention-action.js'
import {
  MeasureSelectionCreateSchema,
  OutcomeScoreCorrectionSchema,
  OutcomeScoreCreateSchema,
  OutcomeScoreListSchema,
  OutcomeScoreSchema,
} from './outcome-score.schemas.js'
import { recordScore, scoresOf, selectMeasures } from './outcome-score.service.js'
import { correctScore } from './outcome-score-correction.service.js'

const tags = ['Interventions']

/** Choosing an intervention's outcome measures with the family. */
export const measureSelectionRoute = action({
  path: 'outcome-measures',
  operationId: 'selectOutcomeMeasures',
  summary: 'Select outcome measures',
  access: WORKERS,
  body: MeasureSelectionCreateSchema,
  run: selectMeasures,
  description:
    'Measures from `/outcome-measures`, chosen with the family, the social worker and the practitioner (`selectedBy`). Selecting a measure again keeps the first selection.',
})

/** An intervention's outcome scores: recorded and listed. */
export const registerOutcomeScoreRoutes: RouteRegistration = (app, db) => {
  app.post(
    '/interventions/:id/outcome-scores',
    {
      config: { access: WORKERS },
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
    async (request) => ({ items: await scoresOf(db, request.caller, request.params.id) }),
  )

  const ScoreParams = Strict({ id: IdParams.properties.id, scoreId: IdParams.properties.id })

  app.post(
    '/interventions/:id/outcome-scores/:scoreId/corrections',
    {
      config: { access: WORKERS },
      schema: {
        tags,
        operationId: 'correctOutcomeScore',
        summary: 'Correct an outcome score',
        description:
          'Replaces the score (and its notes, when sent) as a new version, with who corrected it (`correctedBy`) and why (`reason`); the version replaced stays readable at `GET .../corrections`, and the outcome report uses the latest.',
        params: ScoreParams,
        body: ref(OutcomeScoreCorrectionSchema),
        response: { 200: ref(OutcomeScoreSchema), ...errors(...WRITE_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await correctScore(db, changeContext(request), request.params.id, request.params.scoreId, request.body)),
  )

  app.get(
    '/interventions/:id/outcome-scores/:scoreId/corrections',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listOutcomeScoreCorrections',
        summary: 'List an outcome score’s corrections',
        description: 'Oldest first, each with the version it replaced; the first one’s `previous` is the score as first recorded.',
        params: ScoreParams,
        response: { 200: ref(CorrectionListSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      await visibleIntervention(db, request.caller, request.params.id)
      return correctionsOf(db, 'outcome_score', request.params.scoreId)
    },
  )
}
