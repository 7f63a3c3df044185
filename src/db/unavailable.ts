/**
 * SQLSTATE classes and codes that mean the database cannot serve the request just now, not that the
 * request is wrong: 08 connection exceptions, 57P01–57P03 (admin or crash shutdown, cannot connect now),
 * 57014 (statement timeout or cancel), 53300 (too many connections). PostgreSQL "Appendix A. Error Codes".
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57P05', '57014', '53300'])
/** Socket errors of a connection that could not be made or was lost. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
/** What `pg` and `pg-pool` say when a connection is lost, timed out, or no longer usable. */
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Query read timeout/,
  /^Cannot use a pool after calling end on the pool/,
]

const codeOf = (error: object): string | undefined => ('code' in error && typeof error.code === 'string' ? error.code : undefined)

/** Whether `error` (or one it wraps) says the database is unreachable or shutting down: a 503, not a 500. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false
  const code = codeOf(error)
  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))) return true
  const message = 'message' in error && typeof error.message === 'string' ? error.message : ''
  if (MESSAGES.some((pattern) => pattern.test(message))) return true
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true
  return 'cause' in error && isDatabaseUnavailable(error.cause, depth + 1)
}
