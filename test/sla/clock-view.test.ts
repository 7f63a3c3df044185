import t from 'tap'
import { addCalendarUnits, buildCalendar, builtInDefinition } from '../../src/calendar/index.js'
import { viewClock } from '../../src/sla/clock-view.js'
import { dueSoonFrom } from '../../src/sla/due.js'
import { slaBlock } from '../../src/sla/sla-block.js'
import type { ClockRow } from '../../src/sla/types.js'
import { clockRow, englandAndWales, scotland, thrown } from './helpers.js'

const E = englandAndWales()
const at = (iso: string) => new Date(iso)
/** Started Wed 23 Dec 2026 10:00, 3 working days: due Wed 30 Dec (Thu 24, Tue 29, Wed 30). */
const allocation = (extra: Partial<ClockRow> = {}) => clockRow({ amount: 3, unit: 'working_days' }, '2026-12-23T10:00:00Z', E, extra)

t.test('the api.md example, exactly', async (t) => {
  const row = allocation({ id: '0b6f1d1e-3c1a-4a53-9a39-5d0c4b1e2f10' })
  const asOf = at('2026-12-29T12:00:00Z')
  const view = viewClock(row, { dueSoonWithin: 1 }, E, asOf)!
  t.same(JSON.parse(JSON.stringify(slaBlock(asOf, [view]))), {
    asOf: '2026-12-29T12:00:00.000Z',
    status: 'due_soon',
    clocks: [
      {
        id: '0b6f1d1e-3c1a-4a53-9a39-5d0c4b1e2f10',
        standard: 'allocation',
        title: 'Allocate within 3 working days of the request',
        target: { amount: 3, unit: 'working_days' },
        calendar: 'england-and-wales',
        // Each clock names its subject (api.md, the SLA block).
        subjectType: 'service_request',
        subjectId: 'request-1',
        startedAt: '2026-12-23T10:00:00.000Z',
        dueDate: '2026-12-30',
        dueAt: '2026-12-30T23:59:59.999Z',
        completedAt: null,
        // Added to the example's fields: when it was closed without its work done, and whether it was recorded late.
        closedAt: null,
        recordedAfterDue: false,
        status: 'due_soon',
        workingDaysElapsed: 2,
        workingDaysRemaining: 1,
      },
    ],
  })
})

type Case = [
  why: string,
  row: Partial<ClockRow>,
  asOf: string,
  expected: { status: string; workingDaysElapsed: number; workingDaysRemaining: number; completedAt?: string | null; closedAt?: string | null } | null,
  dueSoonWithin?: number,
]

const CASES: Case[] = [
  ['not started yet as of an earlier instant', {}, '2026-12-23T09:59:59.999Z', null],
  ['on_track the moment it starts', {}, '2026-12-23T10:00:00Z', { status: 'on_track', workingDaysElapsed: 0, workingDaysRemaining: 3 }],
  ['on_track with 2 working days left', {}, '2026-12-24T16:00:00Z', { status: 'on_track', workingDaysElapsed: 1, workingDaysRemaining: 2 }],
  [
    'on_track over Christmas: the bank holidays are not counted',
    {},
    '2026-12-28T16:00:00Z',
    { status: 'on_track', workingDaysElapsed: 1, workingDaysRemaining: 2 },
  ],
  ['due_soon with 1 working day left', {}, '2026-12-29T08:00:00Z', { status: 'due_soon', workingDaysElapsed: 2, workingDaysRemaining: 1 }],
  ['due_soon on the due date', {}, '2026-12-30T20:00:00Z', { status: 'due_soon', workingDaysElapsed: 3, workingDaysRemaining: 0 }],
  ['due_soon at dueAt itself', {}, '2026-12-30T23:59:59.999Z', { status: 'due_soon', workingDaysElapsed: 3, workingDaysRemaining: 0 }],
  ['overdue a millisecond later, remaining negative', {}, '2026-12-31T00:00:00Z', { status: 'overdue', workingDaysElapsed: 4, workingDaysRemaining: -1 }],
  ['overdue over New Year', {}, '2027-01-05T09:00:00Z', { status: 'overdue', workingDaysElapsed: 6, workingDaysRemaining: -3 }],
  [
    'met when stopped before the due date',
    { completedAt: at('2026-12-29T15:00:00Z') },
    '2027-01-10T12:00:00Z',
    { status: 'met', workingDaysElapsed: 2, workingDaysRemaining: 1, completedAt: '2026-12-29T15:00:00.000Z' },
  ],
  [
    'met at the last millisecond of the due date',
    { completedAt: at('2026-12-30T23:59:59.999Z') },
    '2027-01-10T12:00:00Z',
    { status: 'met', workingDaysElapsed: 3, workingDaysRemaining: 0, completedAt: '2026-12-30T23:59:59.999Z' },
  ],
  [
    'met_late when stopped after dueAt',
    { completedAt: at('2026-12-31T09:00:00Z') },
    '2027-01-10T12:00:00Z',
    { status: 'met_late', workingDaysElapsed: 4, workingDaysRemaining: -1, completedAt: '2026-12-31T09:00:00.000Z' },
  ],
  [
    'a completion after asOf has not happened yet',
    { completedAt: at('2026-12-31T09:00:00Z') },
    '2026-12-29T12:00:00Z',
    { status: 'due_soon', workingDaysElapsed: 2, workingDaysRemaining: 1, completedAt: null },
  ],
  [
    'cancelled: closed before its due instant',
    { closedAt: at('2026-12-24T10:00:00Z') },
    '2027-01-10T12:00:00Z',
    { status: 'cancelled', workingDaysElapsed: 1, workingDaysRemaining: 2, completedAt: null, closedAt: '2026-12-24T10:00:00.000Z' },
  ],
  [
    'cancelled at the last millisecond of the due date',
    { closedAt: at('2026-12-30T23:59:59.999Z') },
    '2027-01-10T12:00:00Z',
    { status: 'cancelled', workingDaysElapsed: 3, workingDaysRemaining: 0, closedAt: '2026-12-30T23:59:59.999Z' },
  ],
  [
    'missed: closed after its due instant without its work done',
    { closedAt: at('2026-12-31T00:00:00Z') },
    '2027-01-10T12:00:00Z',
    { status: 'missed', workingDaysElapsed: 4, workingDaysRemaining: -1, completedAt: null, closedAt: '2026-12-31T00:00:00.000Z' },
  ],
  [
    'a missed clock was overdue before it closed',
    { closedAt: at('2027-01-04T10:00:00Z') },
    '2026-12-31T12:00:00Z',
    { status: 'overdue', workingDaysElapsed: 4, workingDaysRemaining: -1 },
  ],
  [
    'a closure after asOf has not happened yet',
    { closedAt: at('2026-12-29T10:00:00Z') },
    '2026-12-28T12:00:00Z',
    { status: 'on_track', workingDaysElapsed: 1, workingDaysRemaining: 2 },
  ],
  [
    'paused, even past its due date: the counts freeze at the pause',
    { pausedAt: at('2026-12-24T10:00:00Z') },
    '2027-01-05T10:00:00Z',
    { status: 'paused', workingDaysElapsed: 1, workingDaysRemaining: 2 },
  ],
  [
    'a pause after asOf has not happened yet',
    { pausedAt: at('2026-12-30T10:00:00Z') },
    '2026-12-29T12:00:00Z',
    { status: 'due_soon', workingDaysElapsed: 2, workingDaysRemaining: 1 },
  ],
  [
    'resumed after 2 paused working days: elapsed leaves them out, remaining runs to the moved due date',
    { pausedWorkingDays: 2 },
    '2026-12-31T12:00:00Z',
    { status: 'due_soon', workingDaysElapsed: 2, workingDaysRemaining: 1 },
  ],
  ['a wider due-soon window', {}, '2026-12-23T12:00:00Z', { status: 'due_soon', workingDaysElapsed: 0, workingDaysRemaining: 3 }, 3],
  ['a due-soon window of 0 waits for the due date', {}, '2026-12-29T12:00:00Z', { status: 'on_track', workingDaysElapsed: 2, workingDaysRemaining: 1 }, 0],
]

t.test('status as of an instant', async (t) => {
  for (const [why, extra, asOf, expected, dueSoonWithin = 1] of CASES) {
    const view = viewClock(allocation(extra), { dueSoonWithin }, E, at(asOf))
    if (expected === null) {
      t.equal(view, null, why)
      continue
    }
    const { completedAt = null, closedAt = null, ...counts } = expected
    t.same(
      {
        status: view?.status,
        workingDaysElapsed: view?.workingDaysElapsed,
        workingDaysRemaining: view?.workingDaysRemaining,
        completedAt: view?.completedAt?.toISOString() ?? null,
        closedAt: view?.closedAt?.toISOString() ?? null,
      },
      { ...counts, completedAt, closedAt },
      why,
    )
  }
})

t.test('an hours clock is overdue from the due instant, not the end of the day', async (t) => {
  const row = clockRow({ amount: 48, unit: 'hours' }, '2026-03-06T15:30:00Z', E, { standardKey: 'written-follow-up' })
  t.equal(viewClock(row, { dueSoonWithin: 1 }, E, at('2026-03-08T15:30:00Z'))?.status, 'due_soon')
  t.equal(viewClock(row, { dueSoonWithin: 1 }, E, at('2026-03-08T15:30:00.001Z'))?.status, 'overdue')
})

t.test('a weeks clock due on a bank holiday is due_soon a working day earlier', async (t) => {
  const row = clockRow({ amount: 12, unit: 'weeks' }, '2026-03-02T10:00:00Z', E, { standardKey: 'initial-review' })
  t.equal(row.dueDate, '2026-05-25')
  t.equal(viewClock(row, { dueSoonWithin: 1 }, E, at('2026-05-20T12:00:00Z'))?.status, 'on_track', 'Wed 20 May: Thu 21 and Fri 22 remain')
  t.equal(
    viewClock(row, { dueSoonWithin: 1 }, E, at('2026-05-21T12:00:00Z'))?.status,
    'due_soon',
    'Thu 21 May: only Fri 22 remains, Mon 25 is the Spring bank holiday',
  )
  t.equal(viewClock(row, { dueSoonWithin: 1 }, E, at('2026-05-22T12:00:00Z'))?.workingDaysRemaining, 0, 'Fri 22 May: none remain')
})

t.test('without its standard (the preset changed) a clock uses the default due-soon window', async (t) => {
  t.equal(viewClock(allocation(), undefined, E, at('2026-12-29T12:00:00Z'))?.status, 'due_soon')
  t.equal(viewClock(allocation(), undefined, E, at('2026-12-24T12:00:00Z'))?.status, 'on_track')
})

t.test('a clock viewed with another calendar is refused', async (t) => {
  t.match(
    thrown(() => viewClock(allocation(), { dueSoonWithin: 1 }, scotland(), at('2026-12-29T12:00:00Z')))?.message,
    /runs on calendar england-and-wales, not scotland/,
  )
})

t.test('dueSoonFrom is exactly when viewClock turns due_soon, for every day of two years and several windows', async (t) => {
  const base = builtInDefinition('england-and-wales')
  const council = buildCalendar({ ...base, id: 'council', holidays: [...base.holidays, ...closures('2026-12-21', 14)] })
  let checked = 0
  for (const calendar of [E, scotland(), council]) {
    for (let start = at('2026-01-05T10:00:00Z'); start < at('2027-12-20T10:00:00Z'); start = new Date(start.getTime() + 3 * 86_400_000)) {
      for (const [target, within] of [
        [{ amount: 3, unit: 'working_days' }, 1],
        [{ amount: 7, unit: 'calendar_days' }, 1],
        [{ amount: 12, unit: 'weeks' }, 3],
        [{ amount: 2, unit: 'working_days' }, 0],
      ] as const) {
        const row = clockRow(target, start.toISOString(), calendar)
        const from = dueSoonFrom(row.dueDate, within, calendar)
        const just = new Date(from.at.getTime() - 1)
        const before = just < row.startedAt ? 'on_track' : viewClock(row, { dueSoonWithin: within }, calendar, just)!.status
        const after = from.at < row.startedAt ? 'due_soon' : viewClock(row, { dueSoonWithin: within }, calendar, from.at)!.status
        if (before !== 'on_track' || after !== 'due_soon')
          t.fail(`${calendar.id} ${start.toISOString()} ${target.unit} within ${within}: ${before} → ${after} at ${from.at.toISOString()}`)
        checked++
      }
    }
  }
  t.ok(checked > 2000, `${checked} clocks checked`)
  t.equal(dueSoonFrom('2026-12-30', 1, E).at.toISOString(), '2026-12-29T00:00:00.000Z', 'the api.md example turns due_soon at the start of 29 December')
  t.equal(dueSoonFrom('2026-05-25', 1, E).date, '2026-05-21', 'due on a bank holiday Monday: due_soon from the Thursday')
  t.equal(dueSoonFrom('2026-07-16', 0, E).at.toISOString(), '2026-07-15T23:00:00.000Z', 'start of the local day in summer time')
})

function closures(from: string, days: number) {
  const result = []
  for (let i = 0; i < days; i++) result.push({ date: addCalendarUnits(from, i, 'calendar_days'), title: 'Council closure', kind: 'closure' as const })
  return result
}
