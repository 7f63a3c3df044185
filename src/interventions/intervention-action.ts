import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static, TSchema } from '@sinclair/typebox'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { Access } from '../http/auth.js'
import { changeContext } from '../http/context.js'
import { errors, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, type VersionCondition, withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import { InterventionSchema } from './intervention.schemas.js'
import type { InterventionView } from './intervention.service.js'

/** The Fastify instance the intervention routes are registered on. */
export type App = Parameters<FastifyPluginAsyncTypebox<{ db: Db }>>[0]

/** Registers one route on the app. */
export type RouteRegistration = (app: App, db: Db) => void

interface InterventionAction<S extends TSchema> {
  /** The route is POST /interventions/:id/<path>. */
  path: string
  operationId: string
  summary: string
  description: string
  access: Access
  body: S
  /** The service function: its input is the body's type, so the compiler checks each entry against its schema. */
  run: (db: Db, ctx: ChangeContext, id: string, input: Static<S>, expected: VersionCondition) => Promise<InterventionView>
}

/** A change to an intervention recorded by POST to one of its sub-paths; answers with the intervention and its ETag. */
export const action =
  <S extends TSchema>(def: InterventionAction<S>): RouteRegistration =>
  (app, db) =>
    app.post(
      `/interventions/:id/${def.path}`,
      {
        config: { access: def.access },
        schema: {
          tags: ['Interventions'],
          operationId: def.operationId,
          summary: def.summary,
          description: def.description,
          params: IdParams,
          body: ref(def.body),
          response: { 200: ref(InterventionSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) },
        },
      },
      async (request, reply) => withETag(reply, await def.run(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
    )

export const WORKERS: Access = ['manager', 'practitioner']
export const MANAGERS: Access = ['manager']
