import type { Db } from '../db/database.js'
import type { ClockState } from '../sla/index.js'
import { ClockReplay, type RecordedEvent, type ReplayPause } from '../sla/replay.js'
import { toClockState } from './clock.repository.js'
import { allCalendars, allPauses, allTeams, clockKeysAfter, clocksAfter, eventsAfter } from './clock-history.repository.js'

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
    const rows = await eventsAfter(db, after, BATCH)
    for (const row of rows) yield { ...row, id: Number(row.id), data: row.data ?? {}, parentSubjects: row.parentSubjects ?? null, until: row.until ?? null }
    if (rows.length < BATCH) return
    after = Number(rows[rows.length - 1].id)
  }
}

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b))

const COMPARED: (keyof ClockState)[] = [
  'standardKey',
  'presetId',
  'title',
  'target',
  'dueSoonWithin',
  'onBreach',
  'subjectType',
  'subjectId',
  'familyId',
  'teamId',
  'practitionerId',
  'serviceRequestId',
  'calendarId',
  'startedAt',
  'dueBy',
  'dueDate',
  'dueAt',
  'dueSoonAt',
  'completedAt',
  'closedAt',
  'pausedAt',
  'pausedWorkingDays',
]

const pausesKey = (pauses: ReplayPause[]) => JSON.stringify(pauses.map((p) => [p.pausedAt.getTime(), p.resumedAt?.getTime() ?? null, p.workingDays]))

/** Every stored clock's id by what identifies it in the log: its subject, standard and start. */
async function storedClockIds(db: Db): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  let after: string | null = null
  for (;;) {
    const rows = await clockKeysAfter(db, after, BATCH)
    for (const c of rows) ids.set(`${c.subjectId}|${c.standardKey}|${c.startedAt.getTime()}`, c.id)
    if (rows.length < BATCH) return ids
    after = rows[rows.length - 1].id
  }
}

/**
 * Replays the recorded events through the pure engine and calendar (`ClockReplay`) and compares the
 * result with the stored clocks and their pauses, field by field. Events and clocks are streamed in
 * batches. Run by `npm run verify:clocks`, and after every test file's scenarios.
 */
export async function verifyClocks(db: Db): Promise<Verification> {
  const byKey = await storedClockIds(db)
  const calendars = await allCalendars(db)
  const teamsNow = await allTeams(db)
  const replay = new ClockReplay({
    calendars,
    teamsNow,
    storedClockId: (subjectId, standardKey, startedAt) => {
      // Each stored clock is adopted once, when the replay starts it: its key is no longer needed after.
      const key = `${subjectId}|${standardKey}|${startedAt.getTime()}`
      const id = byKey.get(key)
      byKey.delete(key)
      return id
    },
  })
  let events = 0
  for await (const event of recordedEvents(db)) {
    replay.apply(event)
    events++
  }
  replay.finish()
  const replayedClocks = replay.clocks.size

  const storedPauses = new Map<string, ReplayPause[]>()
  for (const p of await allPauses(db)) {
    storedPauses.set(p.clockId, [...(storedPauses.get(p.clockId) ?? []), { pausedAt: p.pausedAt, resumedAt: p.resumedAt, workingDays: p.workingDays }])
  }
  const differences: ClockDifference[] = []
  let storedClocks = 0
  let after: string | null = null
  for (;;) {
    const rows = await clocksAfter(db, after, BATCH)
    for (const row of rows) {
      storedClocks++
      const replayed = replay.clocks.get(row.id)
      if (!replayed) {
        differences.push({ clockId: row.id, field: '(clock)', stored: `${row.standardKey} on ${row.subjectType} ${row.subjectId}`, replayed: null })
        continue
      }
      replay.clocks.delete(row.id)
      const state = toClockState(row)
      for (const field of COMPARED)
        if (!same(state[field], replayed[field])) differences.push({ clockId: row.id, field, stored: state[field], replayed: replayed[field] })
      const a = pausesKey(storedPauses.get(row.id) ?? [])
      const b = pausesKey(replay.pauses.get(row.id) ?? [])
      if (a !== b) differences.push({ clockId: row.id, field: 'pauses', stored: a, replayed: b })
    }
    if (rows.length < BATCH) break
    after = rows[rows.length - 1].id
  }
  for (const clock of replay.clocks.values()) {
    differences.push({
      clockId: clock.id,
      field: '(clock)',
      stored: null,
      replayed: `${clock.standardKey} on ${clock.subjectType} ${clock.subjectId} from ${clock.startedAt.toISOString()}`,
    })
  }
  return { events, storedClocks, replayedClocks, differences, problems: replay.problems }
}
