import fs from 'node:fs'
import t from 'tap'
import { EVENT_TYPES, isEventType } from '../../src/sla/event-types.js'
import { PRESET_IDS } from '../../src/sla/preset-ids.js'
import { PresetError, parsePreset } from '../../src/sla/preset-validation.js'
import { findStandard, loadPresets, presets } from '../../src/sla/presets.js'
import type { StandardsPreset } from '../../src/sla/standard.schema.js'
import { thrown } from './helpers.js'

const presetFile = (id: string) => JSON.parse(fs.readFileSync(new URL(`../../src/sla/presets/${id}.json`, import.meta.url), 'utf8')) as StandardsPreset

/** Every standard of service-standards.md, by preset, with its subject, target and what the table says. */
const EXPECTED: Record<
  string,
  [key: string, subject: string, amount: number, unit: string, extra?: { recurring?: boolean; pausable?: boolean; onBreach?: string }][]
> = {
  trt: [
    ['allocation', 'service_request', 3, 'working_days'],
    ['case-discussion', 'allocation', 5, 'working_days'],
    ['joint-visit', 'allocation', 10, 'working_days'],
    ['planning-progress', 'allocation', 10, 'working_days', { onBreach: 'end-service-request' }],
    ['consultation-recorded', 'consultation', 2, 'working_days'],
    ['supervisor-discussion', 'consultation', 2, 'working_days'],
    ['initial-review', 'intervention', 12, 'weeks', { pausable: true }],
    ['maximum-duration', 'intervention', 6, 'months', { pausable: true }],
    ['consent-period', 'intervention', 3, 'months'],
    ['extended-consent', 'intervention', 0, 'date_given'],
    ['first-audit', 'intervention', 4, 'weeks'],
    ['three-month-audit', 'intervention', 3, 'months'],
    ['final-audit', 'intervention', 6, 'months'],
    ['joint-supervision', 'intervention', 3, 'months', { recurring: true }],
    ['weekly-contact', 'intervention', 7, 'calendar_days', { recurring: true, pausable: true }],
    ['contact-recorded', 'contact', 2, 'working_days'],
    ['disagreement-step', 'escalation', 2, 'working_days'],
    ['safeguarding-raised', 'escalation', 0, 'same_day'],
    ['reallocation', 'service_request', 3, 'working_days'],
    ['plan-action', 'plan_action', 0, 'date_given'],
    ['baseline-follow-up', 'intervention', 6, 'months'],
    ['case-supervision', 'practitioner', 1, 'months', { recurring: true }],
    ['clinical-supervision-meeting', 'practitioner', 3, 'months', { recurring: true }],
    ['practice-observation', 'practitioner', 6, 'months', { recurring: true }],
  ],
  'targeted-help': [
    ['first-review', 'allocation', 6, 'weeks'],
    ['review', 'intervention', 12, 'weeks', { recurring: true, pausable: true }],
    ['plan-action', 'plan_action', 0, 'date_given'],
  ],
  'level-3': [
    ['allocation', 'service_request', 6, 'calendar_days'],
    ['initial-visit', 'allocation', 5, 'calendar_days'],
    ['plan-sign-off', 'allocation', 20, 'working_days'],
    ['taf-review', 'intervention', 8, 'weeks', { recurring: true, pausable: true }],
    ['five-month-check', 'intervention', 5, 'months'],
    ['maximum-duration', 'intervention', 6, 'months', { pausable: true }],
    ['reallocation', 'service_request', 6, 'calendar_days'],
    ['plan-action', 'plan_action', 0, 'date_given'],
    ['assessment', 'allocation', 20, 'working_days'],
  ],
  'early-help': [
    ['written-follow-up', 'escalation', 48, 'hours'],
    ['contact-feedback', 'escalation', 5, 'working_days'],
    ['plan-action', 'plan_action', 0, 'date_given'],
    ['hub-contacted', 'escalation', 0, 'same_day'],
  ],
}

t.test('every preset id loads, validates and matches its file', async (t) => {
  const all = presets()
  t.same(Object.keys(all).sort(), [...PRESET_IDS].sort())
  for (const id of PRESET_IDS) t.equal(all[id].id, id)
})

t.test('each preset has exactly the standards of service-standards.md', async (t) => {
  const all = presets()
  for (const [id, rows] of Object.entries(EXPECTED)) {
    const preset = all[id as keyof typeof all]
    t.same(
      preset.standards.map((s) => s.key),
      rows.map((r) => r[0]),
      `${id}: keys in order`,
    )
    for (const [key, subject, amount, unit, extra = {}] of rows) {
      const standard = findStandard(preset, key)!
      t.equal(standard.subject, subject, `${id}/${key} subject`)
      t.same(standard.target, { amount, unit }, `${id}/${key} target`)
      t.equal(standard.recurring, extra.recurring ?? false, `${id}/${key} recurring`)
      t.equal(standard.pausable, extra.pausable ?? false, `${id}/${key} pausable`)
      t.equal(standard.onBreach, extra.onBreach ?? 'flag', `${id}/${key} onBreach`)
      t.match(standard.source, /^00[0-4]\b/, `${id}/${key} names its source document`)
    }
  }
})

t.test('the allocation standard carries the exact title of the API example', async (t) => {
  t.equal(findStandard(presets().trt, 'allocation')!.title, 'Allocate within 3 working days of the request')
})

t.test('every event a preset uses is in the vocabulary, and the vocabulary has no duplicates', async (t) => {
  t.equal(new Set(EVENT_TYPES).size, EVENT_TYPES.length)
  for (const type of EVENT_TYPES) t.match(type, /^[a-z]+(-[a-z]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/, `${type} is kebab-dotted`)
  for (const preset of Object.values(presets()))
    for (const s of preset.standards)
      for (const event of [...s.startsOn, ...s.stopsOn, ...s.cancelOn, ...s.bringForwardOn]) t.ok(isEventType(event), `${preset.id}/${s.key}: ${event}`)
})

t.test('the shipped presets are frozen', async (t) => {
  t.ok(Object.isFrozen(presets().trt.standards[0].target))
})

t.test('defaults are filled in for fields a preset leaves out', async (t) => {
  const minimal = {
    id: 'minimal',
    title: 'Minimal',
    source: 'test',
    policy: { consentAtRequest: true, consentPeriod: null, durationStandard: null, finalMeetingBeforeClosure: false },
    standards: [
      {
        key: 'allocation',
        title: 'Allocate',
        subject: 'service_request',
        startsOn: ['service-request.received'],
        stopsOn: ['service-request.allocated'],
        target: { amount: 3, unit: 'working_days' },
      },
    ],
  }
  const parsed = parsePreset(minimal, 'minimal.json')
  t.same(parsed.standards[0], {
    ...minimal.standards[0],
    cancelOn: [],
    bringForwardOn: [],
    recurring: false,
    dueSoonWithin: 1,
    onBreach: 'flag',
    pausable: false,
  })
  t.notOk('cancelOn' in minimal.standards[0], 'the input is not modified')
})

type Breakage = [name: string, file: string, breakIt: (p: StandardsPreset) => void, message: RegExp]

const BREAKAGES: Breakage[] = [
  [
    'a missing title',
    'trt',
    (p) => delete (p.standards[2] as Partial<StandardsPreset['standards'][0]>).title,
    /trt\.json: standards\[2\] \(joint-visit\)\.title is required/,
  ],
  ['a missing preset source', 'level-3', (p) => delete (p as Partial<StandardsPreset>).source, /level-3\.json: source is required/],
  [
    'an unknown unit',
    'trt',
    (p) => ((p.standards[0].target as { unit: string }).unit = 'fortnights'),
    /trt\.json: standards\[0\] \(allocation\)\.target\.unit is "fortnights"; must be one of working_days, calendar_days/,
  ],
  [
    'a negative amount',
    'early-help',
    (p) => (p.standards[0].target.amount = -1),
    /early-help\.json: standards\[0\] \(written-follow-up\)\.target\.amount must be >= 0/,
  ],
  [
    'a duplicate key',
    'targeted-help',
    (p) => (p.standards[1].key = 'first-review'),
    /targeted-help\.json: standards\[1\] \(first-review\)\.key "first-review" is used by more than one standard/,
  ],
  [
    'an unknown start event',
    'trt',
    (p) => ((p.standards[1].startsOn as string[])[0] = 'allocation.made'),
    /trt\.json: standards\[1\] \(case-discussion\)\.startsOn\[0\] is "allocation\.made", which is not a known event type/,
  ],
  [
    'an unknown cancel event',
    'level-3',
    (p) => (p.standards[0].cancelOn as string[]).push('service-request.lost'),
    /level-3\.json: standards\[0\] \(allocation\)\.cancelOn\[4\] is "service-request\.lost"/,
  ],
  [
    'an unknown field',
    'trt',
    (p) => Object.assign(p.standards[3], { pauseable: true }),
    /trt\.json: standards\[3\] \(planning-progress\)\.pauseable is not a field/,
  ],
  ['a key that is not kebab-case', 'trt', (p) => (p.standards[0].key = 'Allocation'), /trt\.json: standards\[0\] \(Allocation\)\.key/],
  [
    'an event about an unrelated subject',
    'trt',
    (p) => ((p.standards[0].stopsOn as string[])[0] = 'escalation.resolved'),
    /stopsOn\[0\] "escalation\.resolved" is not about a service_request/,
  ],
  [
    'an event that both stops and cancels',
    'trt',
    (p) => (p.standards[6].cancelOn as string[]).push('intervention.ended'),
    /standards\[6\] \(initial-review\)\.cancelOn "intervention\.ended" cannot both stop and cancel/,
  ],
  [
    'a same_day target with an amount',
    'trt',
    (p) => (p.standards[17].target.amount = 1),
    /standards\[17\] \(safeguarding-raised\)\.target\.amount must be 0 for a same_day target/,
  ],
  [
    'a date_given target started by an event that names no date',
    'trt',
    (p) => ((p.standards[9].startsOn as string[])[0] = 'intervention.started'),
    /standards\[9\] \(extended-consent\)\.startsOn "intervention\.started" names no date/,
  ],
  [
    'a duration standard that is not in the preset',
    'level-3',
    (p) => (p.policy.durationStandard = 'maximum-length'),
    /level-3\.json: policy\.durationStandard "maximum-length" is not a standard/,
  ],
  ['a missing policy', 'early-help', (p) => delete (p as Partial<StandardsPreset>).policy, /early-help\.json: policy is required/],
  [
    'an unknown breach action',
    'trt',
    (p) => ((p.standards[3] as { onBreach: string }).onBreach = 'close-case'),
    /onBreach is "close-case"; must be one of flag, end-service-request/,
  ],
  ['no standards', 'early-help', (p) => (p.standards = []), /early-help\.json: standards must NOT have fewer than 1 items/],
  ['an id that is not its file name', 'level-3', (p) => (p.id = 'level-4'), /level-3\.json: id is "level-4"; must be "level-3"/],
]

t.test('a broken preset is refused with a message naming the file and the field', async (t) => {
  for (const [name, id, breakIt, message] of BREAKAGES) {
    const broken = presetFile(id)
    breakIt(broken)
    const err = thrown(() => loadPresets({ [id]: broken }))
    t.type(err, PresetError, `${name}: refused`)
    t.match(err?.message, message, `${name}: ${err?.message}`)
    t.equal((err as PresetError).file, `src/sla/presets/${id}.json`, `${name}: names the file`)
  }
})

t.test('the unbroken files pass the same loader', async (t) => {
  for (const id of PRESET_IDS)
    t.equal(
      thrown(() => loadPresets({ [id]: presetFile(id) })),
      undefined,
      id,
    )
})
