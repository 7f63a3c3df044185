import fs from 'node:fs'
import type { Division } from '../../src/calendar/index.js'

export function readJson<T = unknown>(relative: string): T {
  return JSON.parse(fs.readFileSync(new URL(relative, import.meta.url), 'utf8')) as T
}

export interface GovUkEvent {
  title: string
  date: string
  notes: string
  bunting: boolean
}

/** test/fixtures/bank-holidays.json: verbatim GOV.UK copy, 2019–2027 (dmossop/bank-holidays-data @0b1a5772). */
export const govUkFixture = () => readJson<Record<Division, { division: string; events: GovUkEvent[] }>>('../fixtures/bank-holidays.json')

/** Newer GOV.UK snapshot reduced to date + title, 2019–2028 (Ombudsdan/WorkLeaveTracker @2d3518e8). */
export const govUkDatesTitles = () => readJson<Record<Division, { date: string; title: string }[]>>('./fixtures/govuk-dates-titles-2019-2028.json')

/** alphagov/calendars source data 2012–2018, transcribed as "YYYY-MM-DD key". */
export const govUkSource2012 = () => readJson<{ divisions: Record<Division, string[]> }>('./fixtures/govuk-source-2012-2018.json')

/** The error `fn` throws, or undefined when it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  return undefined
}

/** ISO date of 1990-01-01 + offset days, via UTC Date (independent of the module's own conversion). */
export function isoFromOffset(offset: number): string {
  return new Date(Date.UTC(1990, 0, 1 + offset)).toISOString().slice(0, 10)
}
