import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifySchema, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import type { FieldError } from './problems.js'

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, removeAdditional: false, ...options })
  // ajv-formats is CommonJS: its function is the default export's default under NodeNext.
  const addFormats = addFormatsModule.default
  addFormats(ajv, { mode: 'full' })
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
