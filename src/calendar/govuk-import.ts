import { CalendarRangeError } from './errors.js'
import { dayNumber, isValidIsoDate } from './iso-date.js'
import { DIVISIONS, type Division, type Holiday, type IsoDate } from './types.js'

/** One event of GOV.UK's bank-holidays.json, as the calendar needs it. */
export interface OfficialEvent {
  date: IsoDate
  title: string
}

export interface FieldError {
  field: string
  message: string
}

export type GovUkParseResult = { ok: true; data: Record<Division, OfficialEvent[]> } | { ok: false; errors: FieldError[] }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function byDateThenTitle(a: OfficialEvent, b: OfficialEvent): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0
}

function parseEvent(value: unknown, field: string, errors: FieldError[]): OfficialEvent | undefined {
  if (!isRecord(value)) {
    errors.push({ field, message: 'must be an object with a date and a title' })
    return undefined
  }
  const { date, title, notes, bunting } = value
  let ok = true
  if (!isValidIsoDate(date)) {
    errors.push({ field: `${field}.date`, message: 'must be a real date in YYYY-MM-DD form' })
    ok = false
  } else {
    try {
      dayNumber(date)
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err
      errors.push({ field: `${field}.date`, message: err.message })
      ok = false
    }
  }
  if (typeof title !== 'string' || title.trim() === '') {
    errors.push({ field: `${field}.title`, message: 'must be a non-empty string' })
    ok = false
  }
  if (notes !== undefined && typeof notes !== 'string') {
    errors.push({ field: `${field}.notes`, message: 'must be a string when present' })
  }
  if (bunting !== undefined && typeof bunting !== 'boolean') {
    errors.push({ field: `${field}.bunting`, message: 'must be a boolean when present' })
  }
  return ok ? { date: date as IsoDate, title: title as string } : undefined
}

/**
 * Validates an upload of GOV.UK's bank-holidays.json: all three divisions present, each with a
 * non-empty `events` list of real dates (inside the supported range) and non-empty titles, with no
 * date listed twice in one division. Events come back sorted by date.
 */
export function parseGovUkBankHolidays(json: unknown): GovUkParseResult {
  const errors: FieldError[] = []
  if (!isRecord(json)) return { ok: false, errors: [{ field: '(root)', message: 'must be a JSON object keyed by division' }] }
  const data = {} as Record<Division, OfficialEvent[]>
  for (const division of DIVISIONS) {
    const section = json[division]
    if (!isRecord(section)) {
      errors.push({ field: division, message: 'is missing or not an object' })
      continue
    }
    if (section.division !== undefined && section.division !== division) {
      errors.push({ field: `${division}.division`, message: `must be "${division}"` })
    }
    const events = section.events
    if (!Array.isArray(events) || events.length === 0) {
      errors.push({ field: `${division}.events`, message: 'must be a non-empty array' })
      continue
    }
    const firstIndexOf = new Map<string, number>()
    const parsed: OfficialEvent[] = []
    events.forEach((raw, i) => {
      const field = `${division}.events[${i}]`
      const event = parseEvent(raw, field, errors)
      if (event === undefined) return
      const earlier = firstIndexOf.get(event.date)
      if (earlier !== undefined) {
        errors.push({ field: `${field}.date`, message: `${event.date} is already listed at ${division}.events[${earlier}]` })
        return
      }
      firstIndexOf.set(event.date, i)
      parsed.push(event)
    })
    data[division] = parsed.sort(byDateThenTitle)
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data }
}

/** The calendar years that have at least one event, ascending. */
export function coveredYears(events: readonly { date: IsoDate }[]): number[] {
  return [...new Set(events.map((e) => Number(e.date.slice(0, 4))))].sort((a, b) => a - b)
}

/** What changed between two holiday lists; an entry is identified by its date and title together. */
export function diffHolidays(before: readonly OfficialEvent[], after: readonly OfficialEvent[]): { added: OfficialEvent[]; removed: OfficialEvent[] } {
  const key = (e: OfficialEvent) => `${e.date}\u0000${e.title}`
  const beforeKeys = new Set(before.map(key))
  const afterKeys = new Set(after.map(key))
  const pick = ({ date, title }: OfficialEvent): OfficialEvent => ({ date, title })
  return {
    added: after
      .filter((e) => !beforeKeys.has(key(e)))
      .map(pick)
      .sort(byDateThenTitle),
    removed: before
      .filter((e) => !afterKeys.has(key(e)))
      .map(pick)
      .sort(byDateThenTitle),
  }
}

/**
 * A division's holidays with official data overriding the rules: for every year that the official
 * events cover, the official bank holidays replace the rule ones; other years keep the rules.
 * Closures are kept as they are.
 */
export function mergeOfficial(ruleHolidays: readonly Holiday[], officialEvents: readonly OfficialEvent[]): Holiday[] {
  const official = new Set(coveredYears(officialEvents).map(String))
  const kept = ruleHolidays.filter((h) => h.kind !== 'bank_holiday' || !official.has(h.date.slice(0, 4)))
  const added: Holiday[] = officialEvents.map((e) => ({ date: e.date, title: e.title, kind: 'bank_holiday' }))
  return [...kept.map((h) => ({ ...h })), ...added].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === 'bank_holiday' ? -1 : 1,
  )
}
