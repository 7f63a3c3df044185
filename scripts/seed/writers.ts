/** The seeded tables' bulk writers, and writing the teams or a chunk of families in one transaction. */
import type { Insertable } from 'kysely'
import type pg from 'pg'
import type { TeamsTable } from '../../src/db/schema.js'
import type { AllocationsTable } from '../../src/db/tables/allocation.table.js'
import type { FamiliesTable } from '../../src/db/tables/family.table.js'
import type { PractitionersTable } from '../../src/db/tables/practitioner.table.js'
import type { ServiceRequestsTable } from '../../src/db/tables/service-request.table.js'
import { BulkInsert, inTransaction } from './bulk-insert.js'
import type { ClockRecord, EventRecord, PauseRecord } from './clock-records.js'
import type { Chunk } from './generator.js'
import type { Team } from './teams.js'

const AUDITED: [string, string][] = [
  ['version', 'int4'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
]
const WRITERS = {
  teams: new BulkInsert<Insertable<TeamsTable>>('teams', [
    ['id', 'uuid'],
    ['name', 'text'],
    ['calendar_id', 'text'],
    ['standards_preset', 'text'],
    ['caseload_capacity', 'int4'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]),
  practitioners: new BulkInsert<Insertable<PractitionersTable>>('practitioners', [
    ['id', 'uuid'],
    ['team_id', 'uuid'],
    ['name', 'text'],
    ['email', 'text'],
    ['role', 'text'],
    ['specialism', 'text'],
    ['caseload_capacity', 'int4'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]),
  families: new BulkInsert<Insertable<FamiliesTable>>('families', [
    ['id', 'uuid'],
    ['team_id', 'uuid'],
    ['reference', 'text'],
    ['tier', 'int2'],
    ['plan', 'text'],
    ['members', 'jsonb'],
    ['address', 'jsonb'],
    ['lead_professional', 'jsonb'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]),
  requests: new BulkInsert<Insertable<ServiceRequestsTable>>('service_requests', [
    ['id', 'uuid'],
    ['family_id', 'uuid'],
    ['team_id', 'uuid'],
    ['kind', 'text'],
    ['route', 'text'],
    ['focus', 'text'],
    ['target_outcomes', 'jsonb'],
    ['requested_by', 'jsonb'],
    ['consent', 'jsonb'],
    ['received_at', 'timestamptz'],
    ['status', 'text'],
    ['decision', 'jsonb'],
    ['ended_reason', 'text'],
    ['ended_at', 'timestamptz'],
    ...AUDITED,
  ]),
  allocations: new BulkInsert<Insertable<AllocationsTable>>('allocations', [
    ['id', 'uuid'],
    ['service_request_id', 'uuid'],
    ['family_id', 'uuid'],
    ['team_id', 'uuid'],
    ['practitioner_id', 'uuid'],
    ['co_worker_ids', 'jsonb'],
    ['allocated_at', 'timestamptz'],
    ['allocated_by', 'text'],
    ['status', 'text'],
    ['case_discussion', 'jsonb'],
    ['joint_visit', 'jsonb'],
    ['initial_visit', 'jsonb'],
    ['plan_sign_off', 'jsonb'],
    ['ended_at', 'timestamptz'],
    ['ended_reason', 'text'],
    ...AUDITED,
  ]),
  clocks: new BulkInsert<ClockRecord & { targetAmount: number; targetUnit: string }>('sla_clocks', [
    ['id', 'uuid'],
    ['standard_key', 'text'],
    ['preset_id', 'text'],
    ['title', 'text'],
    ['target_amount', 'int4'],
    ['target_unit', 'text'],
    ['due_soon_within', 'int4'],
    ['on_breach', 'text'],
    ['subject_type', 'text'],
    ['subject_id', 'uuid'],
    ['family_id', 'uuid'],
    ['team_id', 'uuid'],
    ['practitioner_id', 'uuid'],
    ['service_request_id', 'uuid'],
    ['calendar_id', 'text'],
    ['started_at', 'timestamptz'],
    ['due_by', 'date'],
    ['due_date', 'date'],
    ['due_at', 'timestamptz'],
    ['due_soon_at', 'timestamptz'],
    ['scheduled_at', 'timestamptz'],
    ['completed_at', 'timestamptz'],
    ['closed_at', 'timestamptz'],
    ['paused_at', 'timestamptz'],
    ['paused_working_days', 'int4'],
    ['late_reason', 'text'],
    ['breach_actioned_at', 'timestamptz'],
    ['overdue_announced_at', 'timestamptz'],
    ...AUDITED,
  ]),
  events: new BulkInsert<EventRecord>('events', [
    ['type', 'text'],
    ['subject_type', 'text'],
    ['subject_id', 'text'],
    ['family_id', 'uuid'],
    ['team_id', 'uuid'],
    ['occurred_at', 'timestamptz'],
    ['recorded_at', 'timestamptz'],
    ['acting_user', 'text'],
    ['data', 'jsonb'],
    ['parent_subjects', 'jsonb'],
    ['practitioner_id', 'uuid'],
    ['service_request_id', 'uuid'],
    ['until', 'date'],
  ]),
  pauses: new BulkInsert<PauseRecord>('sla_clock_pauses', [
    ['clock_id', 'uuid'],
    ['paused_at', 'timestamptz'],
    ['resumed_at', 'timestamptz'],
    ['working_days', 'int4'],
  ]),
}

export async function writeChunk(client: pg.ClientBase, chunk: Chunk): Promise<void> {
  await inTransaction(client, async () => {
    await WRITERS.families.write(client, chunk.families)
    await WRITERS.requests.write(client, chunk.requests)
    await WRITERS.allocations.write(client, chunk.allocations)
    await WRITERS.clocks.write(
      client,
      chunk.clocks.map((c) => ({ ...c, targetAmount: c.target.amount, targetUnit: c.target.unit })),
    )
    await WRITERS.pauses.write(client, chunk.pauses)
    await WRITERS.events.write(client, chunk.events)
  })
}

export async function writeTeams(client: pg.ClientBase, teams: Team[]): Promise<void> {
  await inTransaction(client, async () => {
    await WRITERS.teams.write(
      client,
      teams.map((t) => t.row),
    )
    await WRITERS.practitioners.write(
      client,
      teams.flatMap((t) => t.practitioners),
    )
    // The teams' creation, with the preset and calendar their clocks run by (what verify:clocks replays).
    await WRITERS.events.write(
      client,
      teams.map(
        (t): EventRecord => ({
          type: 'team.created',
          subjectType: 'team',
          subjectId: t.row.id,
          familyId: null,
          teamId: t.row.id,
          occurredAt: t.row.createdAt,
          recordedAt: t.row.createdAt,
          actingUser: 'seed',
          data: JSON.stringify({
            name: t.row.name,
            calendarId: t.row.calendarId,
            standardsPreset: t.row.standardsPreset,
            caseloadCapacity: t.row.caseloadCapacity,
          }),
        }),
      ),
    )
  })
}
