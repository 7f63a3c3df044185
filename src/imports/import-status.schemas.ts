import { type Static, Type } from '@sinclair/typebox'
import { PageQuery, ProblemSchema } from '../http/schemas.js'
import { InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'
import { ImportLineResultSchema } from './import.schemas.js'

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const

/** What a queued import shows of itself, without its lines' results. */
const summary = {
  id: Uuid(),
  status: StringEnum(IMPORT_STATUSES, {
    description:
      '`queued`: waiting for a worker; `running`: lines are being applied; `completed`: every line has its result; ' +
      '`failed`: stopped on an error that is not a line’s own (see `problem`); the lines done keep their results, and sending the file again skips them',
  }),
  dryRun: Type.Boolean(),
  lines: Type.Integer({ description: 'Lines in the file, blank lines excepted' }),
  linesDone: Type.Integer({ description: 'Lines with a result so far' }),
  created: Type.Integer({ description: 'Lines that recorded something new, so far' }),
  skipped: Type.Integer(),
  failed: Type.Integer(),
  problem: Nullable(ref(ProblemSchema)),
  createdAt: InstantOut(),
  startedAt: Nullable(InstantOut({ description: 'When a worker first took the import' })),
  finishedAt: Nullable(InstantOut()),
}

export const ImportSummarySchema = Type.Object(summary, { $id: 'ImportSummary', description: 'An import handed to the job queue' })

export const ImportSchema = Type.Object(
  {
    ...summary,
    results: Type.Array(ref(ImportLineResultSchema), { description: 'A page of the lines’ results so far, in line order' }),
    nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page of results; null when there are no more so far' })),
  },
  { $id: 'Import', description: 'An import handed to the job queue, its progress and a page of its lines’ results' },
)

export const ImportPageSchema = Type.Object(
  {
    items: Type.Array(ref(ImportSummarySchema)),
    nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
  },
  { $id: 'ImportPage' },
)

export const ImportResultsQuery = Strict({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Results per page (default 100, max 1000)' })),
  cursor: PageQuery.cursor,
})
export const ImportListQuery = Strict({ ...PageQuery })

export type Import = Static<typeof ImportSchema>
export type ImportSummary = Static<typeof ImportSummarySchema>
export const importStatusSchemas = [ImportSummarySchema, ImportSchema, ImportPageSchema]
