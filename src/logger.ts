import type { DestinationStream, LoggerOptions } from 'pino'

/**
 * Personal data never reaches the logs: request bodies are not logged, and these paths are censored
 * wherever they appear, in case an object holding them is ever logged.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-acting-user"]',
  'body',
  '*.body',
  'members',
  '*.members',
  'givenName',
  '*.givenName',
  'familyName',
  '*.familyName',
  'dateOfBirth',
  '*.dateOfBirth',
  'address',
  '*.address',
]

export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(stream ? { stream } : {}),
  }
}
