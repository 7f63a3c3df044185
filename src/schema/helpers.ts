import { type ObjectOptions, type Static, type TProperties, type TSchema, type TUnsafe, Type } from '@sinclair/typebox'

/** A closed set of strings, emitted as a plain `enum` so clients get a union type and errors list the values. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })

/** An object that refuses fields it does not declare. */
export const Strict = <T extends TProperties>(properties: T, options: ObjectOptions = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options })

/** A reference to a shared schema by its `$id`, so the OpenAPI document gets a named component. */
export const ref = <T extends TSchema>(schema: T): TUnsafe<Static<T>> => {
  if (!schema.$id) throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id))
}

export const Uuid = (options: { description?: string } = {}) => Type.String({ format: 'uuid', ...options })
export const IsoDate = (options: { description?: string } = {}) => Type.String({ format: 'date', description: 'A date, YYYY-MM-DD', ...options })
export const Instant = (options: { description?: string } = {}) =>
  Type.String({ format: 'date-time', description: 'An RFC 3339 instant with offset', ...options })
/** Instants in responses: Dates are serialised as UTC with milliseconds. */
export const InstantOut = (options: { description?: string } = {}) => Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', ...options })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
