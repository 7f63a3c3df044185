import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { ref } from '../schema/helpers.js'
import { listImports, readImport } from './import-queue.service.js'
import { ImportListQuery, ImportPageSchema, ImportResultsQuery, ImportSchema } from './import-status.schemas.js'

/** Imports handed to the job queue: their progress and their lines' results. */
export const importStatusRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Imports']
  const adminOnly = { access: [] as const }

  app.get(
    '/imports',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'listImports',
        summary: 'List imports handed to the job queue',
        description: 'Admins. Newest first, with their progress; files answered at once are not kept and not listed.',
        querystring: ImportListQuery,
        response: { 200: ref(ImportPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listImports(db, request.caller, request.query),
  )

  app.get(
    '/imports/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'getImport',
        summary: 'Read an import’s progress and results',
        description:
          'Admins. The import’s status, its counts so far and a page of its lines’ results in line order (`limit`, default 100). ' +
          'Pass `nextCursor` as `cursor` for the next page; while the import is `queued` or `running` the cursor of the last page ' +
          'points after its last line, so polling with it returns the lines done since. `nextCursor` is null once the import is ' +
          'finished and every result has been read.',
        params: IdParams,
        querystring: ImportResultsQuery,
        response: { 200: ref(ImportSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => readImport(db, request.caller, request.params.id, request.query),
  )
}
