import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { ProblemError } from '../http/problems.js'
import { errors, WRITE_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { IMPORT_FILE_EXAMPLE } from './import.examples.js'
import { ImportQuery, ImportResultSchema } from './import.schemas.js'
import { linesOf, runImport } from './import.service.js'
import { queueImport } from './import-queue.service.js'
import { importStatusRoutes } from './import-status.routes.js'
import { ImportSchema } from './import-status.schemas.js'
import { importCaseValidator } from './import-validator.js'

/** A file of a few thousand cases; larger histories are sent in several files (a re-run skips what is there). */
const MAX_IMPORT_BYTES = 32 * 1024 * 1024

/** RFC 7240: the client would rather have a 202 and poll than wait for the whole file. */
export const prefersAsync = (prefer: string | string[] | undefined): boolean =>
  [prefer ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .some((preference) => preference.split(';')[0].trim().toLowerCase() === 'respond-async')

/** `schemas`: the app's shared schemas, which the lines' schema references; `asyncLines`: IMPORT_ASYNC_LINES. */
export const importRoutes: FastifyPluginAsyncTypebox<{ db: Db; schemas: object[]; asyncLines: number }> = async (app, { db, schemas, asyncLines }) => {
  const validate = importCaseValidator(schemas)
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body))

  app.post(
    '/imports',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      // The body is one case per line: JSON or anything else is refused before it is read as lines.
      preValidation: async (request) => {
        if (typeof request.body !== 'string' || !request.headers['content-type']?.startsWith('application/x-ndjson'))
          throw new ProblemError('unsupported-media-type', 'Send one case per line with Content-Type: application/x-ndjson')
      },
      config: { access: [] as const },
      schema: {
        tags: ['Imports'],
        operationId: 'importCases',
        summary: 'Import case history (NDJSON)',
        description:
          'Admins. One case per line (`application/x-ndjson`), each an `ImportCase`: a family with its requests, decisions, allocations, ' +
          'visits, interventions, contacts, reviews, endings and escalations, with their own dates and external references. ' +
          'Each line is applied in order, in one transaction, through the same rules and SLA engine as the API; a line that fails leaves ' +
          'nothing behind and is reported with its line number. Families and requests already there (by their external references) are ' +
          'skipped, so a re-run of the same file changes nothing. Breach actions are asked for once, after the last line. ' +
          '`dryRun=true` applies every line and rolls it back. Up to 32 MiB per file. ' +
          `A file of more than ${asyncLines} lines (IMPORT_ASYNC_LINES), or any file sent with \`Prefer: respond-async\`, is handed to the job queue: ` +
          'the answer is `202 Accepted` with `Location: /imports/{id}`, where its progress and its lines’ results are read (`getImport`). ' +
          'A smaller file without that preference is answered at once with every line’s result.',
        querystring: ImportQuery,
        headers: Type.Object({
          prefer: Type.Optional(Type.String({ description: '`respond-async` (RFC 7240): hand the file to the job queue whatever its size' })),
        }),
        body: {
          content: {
            'application/x-ndjson': { schema: Type.String({ description: 'One `ImportCase` JSON object per line', examples: [IMPORT_FILE_EXAMPLE] }) },
          },
        },
        response: {
          200: ref(ImportResultSchema),
          202: {
            description: 'Accepted: the file is stored until the import completes or fails, and queued; poll `Location` for progress and results',
            headers: {
              location: Type.String({ description: '/imports/{id}' }),
              'preference-applied': Type.Optional(Type.String({ description: '`respond-async` when the request asked for it' })),
            },
            content: { 'application/json': { schema: ref(ImportSchema) } },
          },
          ...errors(...WRITE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as string
      const dryRun = request.query.dryRun === true
      const asked = prefersAsync(request.headers.prefer)
      if (!asked && linesOf(body).length <= asyncLines) return runImport(db, changeContext(request), body, validate, dryRun)
      const queued = await queueImport(db, changeContext(request), body, dryRun)
      reply.code(202).header('location', `/imports/${queued.id}`)
      if (asked) reply.header('preference-applied', 'respond-async')
      return queued
    },
  )

  await app.register(importStatusRoutes, { db })
}
