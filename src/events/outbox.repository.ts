import { type Insertable, sql } from 'kysely'
import { compiledOnce } from '../db/compiled-once.js'
import type { Db } from '../db/database.js'
import type { EventsTable } from '../db/schema.js'

export type EventInsert = Insertable<EventsTable>

const EVENT_COLUMNS = [
  'type',
  'subjectType',
  'subjectId',
  'familyId',
  'teamId',
  'occurredAt',
  'recordedAt',
  'apiKeyId',
  'actingUser',
  'requestId',
  'data',
  'parentSubjects',
  'practitionerId',
  'serviceRequestId',
  'until',
] as const

type Column<K extends (typeof EVENT_COLUMNS)[number]> = EventInsert[K][]

// One array per column, so that the statement is the same for any number of events and is compiled once.
// The rows keep their order: `unnest` gives them in array order, and the ids are drawn in that order.
const insertEventColumns = compiledOnce(
  15,
  (
    db,
    type: Column<'type'>,
    subjectType: Column<'subjectType'>,
    subjectId: Column<'subjectId'>,
    familyId: Column<'familyId'>,
    teamId: Column<'teamId'>,
    occurredAt: Column<'occurredAt'>,
    recordedAt: Column<'recordedAt'>,
    apiKeyId: Column<'apiKeyId'>,
    actingUser: Column<'actingUser'>,
    requestId: Column<'requestId'>,
    data: Column<'data'>,
    parentSubjects: Column<'parentSubjects'>,
    practitionerId: Column<'practitionerId'>,
    serviceRequestId: Column<'serviceRequestId'>,
    until: Column<'until'>,
  ) =>
    db
      .insertInto('events')
      .columns([...EVENT_COLUMNS])
      .expression(
        sql`select * from unnest(${type}::text[], ${subjectType}::text[], ${subjectId}::text[], ${familyId}::uuid[], ${teamId}::uuid[],
          ${occurredAt}::timestamptz[], ${recordedAt}::timestamptz[], ${apiKeyId}::uuid[], ${actingUser}::text[], ${requestId}::text[],
          ${data}::jsonb[], ${parentSubjects}::jsonb[], ${practitionerId}::uuid[], ${serviceRequestId}::uuid[], ${until}::date[])`,
      ),
)

/** Appends events to the outbox; each row takes its transaction's id (column `tx`) from its default. */
export async function insertEvents(db: Db, rows: EventInsert[]): Promise<void> {
  if (rows.length === 0) return
  const column = <K extends (typeof EVENT_COLUMNS)[number]>(key: K) => rows.map((r) => r[key] ?? null) as Column<K>
  await insertEventColumns(
    db,
    column('type'),
    column('subjectType'),
    column('subjectId'),
    column('familyId'),
    column('teamId'),
    column('occurredAt'),
    column('recordedAt'),
    column('apiKeyId'),
    column('actingUser'),
    column('requestId'),
    column('data'),
    column('parentSubjects'),
    column('practitionerId'),
    column('serviceRequestId'),
    column('until'),
  )
}
