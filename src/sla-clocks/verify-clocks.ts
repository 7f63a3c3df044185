import type { Division } from '../calendar/index.js'
import type { Db } from '../db/database.js'
import { replayClocks, type RecordedEvent, type ReplayPause } from '../sla/replay.js'
import type { ClockState } from '../sla/index.js'
import { toClockState } from './clock.repository.js'

export interface ClockDifference {
  clockId: string
  field: string
  stored: unknown
  replayed: unknown
}

export interface Verification {
  events: number
  storedClocks: number
  replayedClocks: number
  differences: ClockDifference[]
  problems: string[]
}

const BATCH = 5000

/** The outbox in the order its changes ran (ids are taken at the end of each change, after its locks). */
async function* recordedEvents(db: Db): AsyncGenerator<RecordedEvent> {
  let after = 0
  for (;;) {
    const rows = await db.selectFrom('events')
      .select(['id', 'type', 'subjectType', 'subjectId', 'familyId', 'teamId', 'occurredAt', 'data', 'parentSubjects', 'practitionerId', 'serviceRequestId', 'until'])
      .where('id', '>', after).orderBy('id').limit(BATCH).execute()
    for (const row of rows) yield { ...row, id: Number(row.id), data: row.data ?? {}, parentSubjects: row.parentSubjects ?? null, until: row.until ?? null }
    if (rows.length < BATCH) return
    after = Number(rows[rows.length - 1].id)
  }
}

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b))

const COMPARED: (keyof ClockState)[] = [
  'standardKey', 'presetId', 'title', 'target', 'dueSoonWithin', 'onBreach', 'subjectType', 'subjectId', 'familyId', 'teamId', 'practitionerId', 'serviceRequestId',
  'calendarId', 'startedAt', 'dueBy', 'dueDate', 'dueAt', 'dueSoonAt', 'completedAt', 'closedAt', 'pausedAt', 'pausedWorkingDays',
]

const pausesKey = (pauses: ReplayPause[]) => JSON.stringify(pauses.map((p) => [p.pausedAt.getTime(), p.resumedAt?.getTime() ?? null, p.workingDays]))

/**
 * Replays the recorded events through the pure engine and calendar (`replayClocks`) and compares the
 * result with the stored clocks and their pauses, field by field. Run by `npm run verify:clocks`, and
 * after every test file's scenarios.
 */
export async function verifyClocks(db: Db): Promise<Verification> {
  const stored = await db.selectFrom('slaClocks').selectAll().orderBy('id').execute()
  const byKey = new Map(stored.map((c) => [`${c.subjectId}|${c.standardKey}|${c.startedAt.getTime()}`, c.id]))
  const calendars = await db.selectFrom('calendars').select(['id', 'division', 'timeZone']).execute()
  const teamsNow = await db.selectFrom('teams').select(['id', 'calendarId', 'standardsPreset']).execute()
  const events: RecordedEvent[] = []
  for await (const event of recordedEvents(db)) events.push(event)
  const replay = replayClocks(events, {
    calendars: calendars.map((c) => ({ id: c.id, division: c.division as Division, timeZone: c.timeZone })),
    teamsNow,
    storedClockId: (subjectId, standardKey, startedAt) => byKey.get(`${subjectId}|${standardKey}|${startedAt.getTime()}`),
  })

  const differences: ClockDifference[] = []
  const storedPauses = new Map<string, ReplayPause[]>()
  for (const p of await db.selectFrom('slaClockPauses').selectAll().orderBy('clockId').orderBy('pausedAt').execute()) {
    storedPauses.set(p.clockId, [...(storedPauses.get(p.clockId) ?? []), { pausedAt: p.pausedAt, resumedAt: p.resumedAt, workingDays: p.workingDays }])
  }
  for (const row of stored) {
    const replayed = replay.clocks.get(row.id)
    if (!replayed) {
      differences.push({ clockId: row.id, field: '(clock)', stored: `${row.standardKey} on ${row.subjectType} ${row.subjectId}`, replayed: null })
      continue
    }
    const state = toClockState(row)
    for (const field of COMPARED) if (!same(state[field], replayed[field])) differences.push({ clockId: row.id, field, stored: state[field], replayed: replayed[field] })
    const a = pausesKey(storedPauses.get(row.id) ?? [])
    const b = pausesKey(replay.pauses.get(row.id) ?? [])
    if (a !== b) differences.push({ clockId: row.id, field: 'pauses', stored: a, replayed: b })
  }
  const storedIds = new Set(stored.map((c) => c.id))
  for (const clock of replay.clocks.values()) {
    if (!storedIds.has(clock.id)) differences.push({ clockId: clock.id, field: '(clock)', stored: null, replayed: `${clock.standardKey} on ${clock.subjectType} ${clock.subjectId} from ${clock.startedAt.toISOString()}` })
  }
  return { events: events.length, storedClocks: stored.length, replayedClocks: replay.clocks.size, differences, problems: replay.problems }
}

