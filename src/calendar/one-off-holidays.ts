import { DIVISIONS, type Division, type IsoDate } from './types.js'

/**
 * A bank holiday that the yearly rules do not produce: an extra day, or a rule holiday moved to
 * another date (`replaces` is the date the rules give it, which is then not a holiday).
 */
export interface OneOffHoliday {
  date: IsoDate
  title: string
  divisions: readonly Division[]
  replaces?: IsoDate
  source: string
}

const ALL = DIVISIONS
const GOVUK_FIXTURE = 'GOV.UK bank-holidays.json (test/fixtures/bank-holidays.json, mirrored by dmossop/bank-holidays-data)'
const GOVUK_2012 = 'GOV.UK bank-holidays.json data: alphagov/calendars lib/data/bank-holidays.json @1ce47d43 (all three divisions)'
const PRE_GOVUK_NOTE = 'predates the GOV.UK data (2012 on), so not checked against official data here'

export const ONE_OFF_HOLIDAYS: readonly OneOffHoliday[] = [
  {
    date: '1995-05-08',
    replaces: '1995-05-01',
    title: 'Early May bank holiday (VE day)',
    divisions: ALL,
    source: `Royal proclamation under the Banking and Financial Dealings Act 1971 s.1(3) moving the early May bank holiday for the 50th anniversary of VE Day; ${PRE_GOVUK_NOTE}`,
  },
  {
    date: '1999-12-31',
    title: 'Millennium bank holiday',
    divisions: ALL,
    source: `Royal proclamation under the Banking and Financial Dealings Act 1971 s.1(3) appointing Friday 31 December 1999; ${PRE_GOVUK_NOTE}`,
  },
  {
    date: '2002-06-03',
    title: 'Queen’s Golden Jubilee',
    divisions: ALL,
    source: `Royal proclamation under the Banking and Financial Dealings Act 1971 s.1(3) (Golden Jubilee, Monday 3 June 2002); ${PRE_GOVUK_NOTE}`,
  },
  {
    date: '2002-06-04',
    replaces: '2002-05-27',
    title: 'Spring bank holiday',
    divisions: ALL,
    source: `Royal proclamation under the Banking and Financial Dealings Act 1971 s.1(3) moving the spring bank holiday to Tuesday 4 June 2002; ${PRE_GOVUK_NOTE}`,
  },
  {
    date: '2011-04-29',
    title: 'Royal wedding',
    divisions: ALL,
    source: `Royal proclamation under the Banking and Financial Dealings Act 1971 s.1(3) (wedding of Prince William and Catherine Middleton); ${PRE_GOVUK_NOTE}`,
  },
  {
    date: '2012-06-04',
    replaces: '2012-05-28',
    title: 'Spring bank holiday',
    divisions: ALL,
    source: GOVUK_2012,
  },
  {
    date: '2012-06-05',
    title: 'Queen’s Diamond Jubilee',
    divisions: ALL,
    source: `${GOVUK_2012}; title as served by www.gov.uk/bank-holidays.json (Fishbowler/workingday-uk bank-holidays.json @bdd4d006)`,
  },
  {
    date: '2020-05-08',
    replaces: '2020-05-04',
    title: 'Early May bank holiday (VE day)',
    divisions: ALL,
    source: GOVUK_FIXTURE,
  },
  {
    date: '2022-06-02',
    replaces: '2022-05-30',
    title: 'Spring bank holiday',
    divisions: ALL,
    source: GOVUK_FIXTURE,
  },
  {
    date: '2022-06-03',
    title: 'Platinum Jubilee bank holiday',
    divisions: ALL,
    source: GOVUK_FIXTURE,
  },
  {
    date: '2022-09-19',
    title: 'Bank Holiday for the State Funeral of Queen Elizabeth II',
    divisions: ALL,
    source: GOVUK_FIXTURE,
  },
  {
    date: '2023-05-08',
    title: 'Bank holiday for the coronation of King Charles III',
    divisions: ALL,
    source: GOVUK_FIXTURE,
  },
  {
    date: '2026-06-15',
    title: 'World Cup bank holiday',
    divisions: ['scotland'],
    source:
      'GOV.UK bank-holidays.json as mirrored daily by Ombudsdan/WorkLeaveTracker data/bank-holidays.json @2d3518e8 (test/calendar/fixtures/govuk-dates-titles-2019-2028.json); Scotland only, appointed by royal proclamation on the First Minister’s advice',
  },
]
