import { Ajv, type ErrorObject } from 'ajv'
import { DATED_EVENTS, type EventType, eventSubjectType, isEventType } from './event-types.js'
import { present } from './invariants.js'
import { PresetPolicySchema, ServiceStandardSchema, SlaEventTypeSchema, type StandardsPreset, StandardsPresetSchema } from './standard.schema.js'
import { ancestorsOf } from './subjects.js'

/** A preset file that cannot be used: names the file and the field at fault. */
export class PresetError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`Standards preset ${file}: ${field ? `${field} ` : ''}${problem}`)
    this.name = 'PresetError'
  }
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true })
ajv.addSchema(SlaEventTypeSchema)
ajv.addSchema(ServiceStandardSchema)
ajv.addSchema(PresetPolicySchema)
const validate = ajv.compile<StandardsPreset>(StandardsPresetSchema)

const dotted = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '')

function valueAt(data: unknown, pointer: string): unknown {
  let value = data
  for (const part of pointer.split('/').slice(1)) value = (value as Record<string, unknown> | undefined)?.[part]
  return value
}

function describe(error: ErrorObject, data: unknown): { field: string; problem: string } {
  const field = dotted(error.instancePath)
  const value = valueAt(data, error.instancePath)
  switch (error.keyword) {
    case 'required':
      return { field: [field, error.params.missingProperty].filter(Boolean).join('.'), problem: 'is required' }
    case 'additionalProperties':
      return { field: [field, error.params.additionalProperty].filter(Boolean).join('.'), problem: 'is not a field of a standard or preset' }
    case 'enum':
      if (typeof value === 'string' && /^(startsOn|stopsOn|cancelOn)\[\d+\]$/.test(field.split('.').pop() ?? ''))
        return { field, problem: `is "${value}", which is not a known event type (src/sla/event-types.ts)` }
      return { field, problem: `is ${JSON.stringify(value)}; must be one of ${(error.params.allowedValues as string[]).join(', ')}` }
    default:
      return { field, problem: `${error.message ?? 'is invalid'} (got ${JSON.stringify(value)})` }
  }
}

/** `standards[3].target.unit` → `standards[3] (consent-period).target.unit`, when the standard has a key. */
function withKey(field: string, data: unknown): string {
  const match = /^standards\[(\d+)\]/.exec(field)
  const key = match ? valueAt(data, `/standards/${match[1]}/key`) : undefined
  return match && typeof key === 'string' ? `${match[0]} (${key})${field.slice(match[0].length)}` : field
}

/** Why an event cannot drive a standard on `subject`: it is about neither that subject nor a child of it. */
function unrelatedSubject(event: EventType, subject: string): boolean {
  const eventSubject = eventSubjectType(event)
  return eventSubject !== subject && !(ancestorsOf(eventSubject) as string[]).includes(subject)
}

/**
 * Validates one preset's JSON (filling the schema's defaults) and the rules the schema cannot say:
 * keys unique, events known and about the standard's subject (or a child of it), an event never both
 * stopping and closing a standard, `same_day` and `date_given` with amount 0, a `date_given` standard
 * started only by events that name a date, the policy's duration standard one of the preset's.
 * Throws a PresetError naming the field.
 */
export function parsePreset(json: unknown, file: string): StandardsPreset {
  const data = structuredClone(json)
  if (!validate(data)) {
    const { field, problem } = describe(present(validate.errors?.[0], 'the validation error'), data)
    throw new PresetError(file, withKey(field, data), problem)
  }
  const preset = data
  const seen = new Set<string>()
  preset.standards.forEach((standard, i) => {
    const at = `standards[${i}] (${standard.key})`
    if (seen.has(standard.key)) throw new PresetError(file, `${at}.key`, `"${standard.key}" is used by more than one standard`)
    seen.add(standard.key)
    for (const list of ['startsOn', 'stopsOn', 'cancelOn', 'bringForwardOn'] as const) {
      standard[list].forEach((event, j) => {
        if (!isEventType(event)) throw new PresetError(file, `${at}.${list}[${j}]`, `is "${event}", which is not a known event type`)
        if (unrelatedSubject(event, standard.subject))
          throw new PresetError(file, `${at}.${list}[${j}]`, `"${event}" is not about a ${standard.subject} or anything belonging to one`)
      })
    }
    const both = standard.stopsOn.find((event) => standard.cancelOn.includes(event))
    if (both) throw new PresetError(file, `${at}.cancelOn`, `"${both}" cannot both stop and cancel the "${standard.key}" clock`)
    if ((standard.target.unit === 'same_day' || standard.target.unit === 'date_given') && standard.target.amount !== 0)
      throw new PresetError(file, `${at}.target.amount`, `must be 0 for a ${standard.target.unit} target`)
    const undated = standard.startsOn.find((event) => standard.target.unit === 'date_given' && !DATED_EVENTS.includes(event as EventType))
    if (undated) throw new PresetError(file, `${at}.startsOn`, `"${undated}" names no date for a date_given target`)
  })
  const durationStandard = preset.policy.durationStandard
  if (durationStandard !== null && !seen.has(durationStandard))
    throw new PresetError(file, 'policy.durationStandard', `"${durationStandard}" is not a standard of this preset`)
  return preset
}
