import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifySchemaValidationError } from 'fastify'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { ProblemError } from '../http/problems.js'
import { errors, WRITE_ERRORS } from '../http/responses.js'
import { createValidatorCompiler, fieldErrors } from '../http/validation.js'
import { ref } from '../schema/helpers.js'
import { IMPORT_FILE_EXAMPLE } from './import.examples.js'
import { ImportCaseSchema, ImportQuery, ImportResultSchema } from './import.schemas.js'
import { type CaseValidator, runImport } from './import.service.js'

/** A file of a few thousand cases; larger histories are sent in several files (a re-run skips what is there). */
const MAX_IMPORT_BYTES = 32 * 1024 * 1024

/** `schemas`: the app's shared schemas, which the lines' schema references. */
export const importRoutes: FastifyPluginAsyncTypebox<{ db: Db; schemas: object[] }> = async (app, { db, schemas }) => {
  const compiled = createValidatorCompiler(schemas)({ schema: ImportCaseSchema, method: 'POST', url: '/imports', httpPart: 'body' })
  const validate: CaseValidator = (value) => {
    const result = compiled(value)
    if (result === true) return null
    return fieldErrors((compiled as unknown as { errors: FastifySchemaValidationError[] }).errors ?? [], 'line')
  }
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
          '`dryRun=true` applies every line and rolls it back. Up to 32 MiB per file.',
        querystring: ImportQuery,
        body: {
          content: {
            'application/x-ndjson': { schema: Type.String({ description: 'One `ImportCase` JSON object per line', examples: [IMPORT_FILE_EXAMPLE] }) },
          },
        },
        response: { 200: ref(ImportResultSchema), ...errors(...WRITE_ERRORS) },
      },
    },
    async (request) => runImport(db, changeContext(request), request.body as string, validate, request.query.dryRun === true),
  )
}
