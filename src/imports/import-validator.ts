import type { FastifySchemaValidationError } from 'fastify'
import { createValidatorCompiler, fieldErrors } from '../http/validation.js'
import { ImportCaseSchema } from './import.schemas.js'
import type { CaseValidator } from './import.service.js'

/** Checks a line against `ImportCase` as the API checks a body; `schemas` are the shared schemas it references. */
export function importCaseValidator(schemas: object[]): CaseValidator {
  const compiled = createValidatorCompiler(schemas)({ schema: ImportCaseSchema, method: 'POST', url: '/imports', httpPart: 'body' })
  return (value) => {
    const result = compiled(value)
    if (result === true) return null
    return fieldErrors((compiled as unknown as { errors: FastifySchemaValidationError[] }).errors ?? [], 'line')
  }
}
