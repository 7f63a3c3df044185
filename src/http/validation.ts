import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifySchema, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { FIRST_DATE, LAST_SUPPORTED_DATE } from '../calendar/index.js'
import type { FieldError } from './problems.js'

type FormatCheck = (value: string) => boolean

const checkOf = (ajv: Ajv, name: string): FormatCheck => {
  const format = ajv.formats[name]
  if (typeof format === 'function') return format as FormatCheck
  if (typeof format === 'object' && format !== null && 'validate' in format && typeof format.validate === 'function') return format.validate as FormatCheck
  throw new Error(`ajv-formats has no ${name} format`)
}

/**
 * Instants (`date-time`) are RFC 3339 without a leap second (`:60`, which JavaScript dates cannot hold),
 * within the years the working calendar covers (1990–2100): every instant the API records or computes as
 * of is a moment of casework the SLA clocks measure. Dates (`date`) are calendar dates PostgreSQL can store
 * (a date of birth may be long before 1990; year 0000 does not exist); a date the calendar must count from
 * is checked against its range where it is used.
 */
function addDateFormats(ajv: Ajv): void {
  const dateTime = checkOf(ajv, 'date-time')
  const date = checkOf(ajv, 'date')
  const first = Date.parse(`${FIRST_DATE}T00:00:00Z`)
  const last = Date.parse(`${LAST_SUPPORTED_DATE}T23:59:59.999Z`)
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => {
      if (!dateTime(value) || /T\d\d:\d\d:60/i.test(value)) return false
      const at = Date.parse(value)
      return at >= first && at <= last
    },
  })
  ajv.addFormat('date', { type: 'string', validate: (value: string) => date(value) && !value.startsWith('0000') })
}

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, removeAdditional: false, ...options })
  // ajv-formats is CommonJS: its function is the default export's default under NodeNext.
  const addFormats = addFormatsModule.default
  addFormats(ajv, { mode: 'full' })
  addDateFormats(ajv)
  return ajv
}

/**
 * Bodies are validated as sent (no type coercion, unknown fields refused); query strings, params and
 * headers are strings on the wire, so they are coerced to the declared types.
 */
export function createValidatorCompiler(sharedSchemas: object[]): FastifySchemaCompiler<FastifySchema> {
  const body = makeAjv({ coerceTypes: false })
  const other = makeAjv({ coerceTypes: 'array' })
  for (const schema of sharedSchemas) {
    body.addSchema(schema)
    other.addSchema(schema)
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? body : other).compile(schema)
}

const dotted = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '')

/** Turns Ajv's errors into the `errors` list of a validation problem, one entry per bad field. */
export function fieldErrors(errors: FastifySchemaValidationError[], where: string): FieldError[] {
  const seen = new Set<string>()
  const result: FieldError[] = []
  for (const error of errors) {
    let field = dotted(error.instancePath)
    let message = error.message ?? 'is not valid'
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty)
      field = field ? `${field}.${missing}` : missing
      message = 'is required'
    } else if (error.keyword === 'additionalProperties') {
      const unknown = String(error.params.additionalProperty)
      field = field ? `${field}.${unknown}` : unknown
      message = 'is not a known field'
    } else if (error.keyword === 'enum') {
      const allowed = error.params.allowedValues
      message = `must be one of: ${Array.isArray(allowed) ? allowed.join(', ') : String(allowed)}`
    } else if (error.keyword === 'format' && error.params.format === 'date-time') {
      message = `must be an RFC 3339 instant (seconds 00 to 59) and must be between ${FIRST_DATE} and ${LAST_SUPPORTED_DATE}`
    } else if (error.keyword === 'anyOf' || error.keyword === 'const') {
      continue
    }
    const id = `${where}:${field}:${message}`
    if (seen.has(id)) continue
    seen.add(id)
    result.push({ in: where, field: field || '(root)', message })
  }
  if (result.length === 0 && errors.length > 0) {
    result.push({ in: where, field: dotted(errors[0].instancePath) || '(root)', message: 'does not match any allowed form' })
  }
  return result
}
