/** Examples of the calendar schemas, for the reference page and the SDK (validated against their schemas by a test). */
export const closure = { date: '2027-02-12', title: 'Service training day: office closed' }

export const calendarCreate = {
  id: 'leeds-early-help',
  name: 'Leeds Early Help (England and Wales, with service closures)',
  basedOn: 'england-and-wales',
  closures: [closure],
}

export const calendar = {
  ...calendarCreate,
  builtIn: false,
  timeZone: 'Europe/London',
  version: 2,
  createdAt: '2026-09-01T08:30:00.000Z',
  updatedAt: '2026-11-20T11:04:52.310Z',
}

/** An excerpt of GOV.UK's https://www.gov.uk/bank-holidays.json, as published. */
export const bankHolidayImport = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'Christmas Day', date: '2026-12-25', notes: '', bunting: true },
      { title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day', bunting: true },
      { title: 'New Year’s Day', date: '2027-01-01', notes: '', bunting: true },
    ],
  },
  scotland: {
    division: 'scotland',
    events: [
      { title: 'Christmas Day', date: '2026-12-25', notes: '', bunting: true },
      { title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day', bunting: true },
      { title: 'New Year’s Day', date: '2027-01-01', notes: '', bunting: true },
      { title: '2nd January', date: '2027-01-04', notes: 'Substitute day', bunting: true },
    ],
  },
  'northern-ireland': {
    division: 'northern-ireland',
    events: [
      { title: 'Christmas Day', date: '2026-12-25', notes: '', bunting: true },
      { title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day', bunting: true },
      { title: 'New Year’s Day', date: '2027-01-01', notes: '', bunting: true },
    ],
  },
}

export const bankHolidayImportResult = {
  id: '0193b1d1-8b00-7000-8000-0000000000b1',
  coveredYears: [2026, 2027],
  changes: {
    'england-and-wales': { added: [{ date: '2027-05-03', title: 'Early May bank holiday' }], removed: [] },
    scotland: { added: [], removed: [] },
    'northern-ireland': { added: [], removed: [] },
  },
  calendarsUpdated: ['england-and-wales', 'leeds-early-help'],
  clocksMoved: 0,
}

export const CALENDAR_EXAMPLES: Record<string, unknown> = {
  CalendarPage: { items: [calendar], nextCursor: null },
  CalendarCreate: calendarCreate,
  Calendar: calendar,
  Closure: closure,
  BankHolidayImport: bankHolidayImport,
  BankHolidayImportResult: bankHolidayImportResult,
  HolidayList: {
    calendar: 'england-and-wales',
    from: '2026-12-01',
    to: '2027-01-31',
    items: [
      { date: '2026-12-25', title: 'Christmas Day', kind: 'bank_holiday' },
      { date: '2026-12-28', title: 'Boxing Day', kind: 'bank_holiday' },
      { date: '2027-01-01', title: 'New Year’s Day', kind: 'bank_holiday' },
    ],
  },
  WorkingDays: { calendar: 'england-and-wales', from: '2026-12-23', to: '2026-12-30', workingDays: 3 },
  WorkingDaysExplanation: {
    calendar: 'england-and-wales',
    from: '2026-12-23',
    to: '2026-12-30',
    workingDays: 3,
    days: [
      { date: '2026-12-24', counted: true },
      { date: '2026-12-25', counted: false, reason: 'bank_holiday', title: 'Christmas Day' },
      { date: '2026-12-26', counted: false, reason: 'weekend' },
      { date: '2026-12-27', counted: false, reason: 'weekend' },
      { date: '2026-12-28', counted: false, reason: 'bank_holiday', title: 'Boxing Day' },
      { date: '2026-12-29', counted: true },
      { date: '2026-12-30', counted: true },
    ],
  },
}
