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

/** A URL as logged: the path, and the names of its query parameters without their values (a search can name a person). */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?')
  if (at < 0) return url
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=[redacted]`)
  return `${url.slice(0, at)}?${names.join('&')}`
}

interface LoggedRequest {
  method: string
  url: string
  hostname?: string
  ip?: string
  socket?: { remotePort?: number }
}

export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: loggableUrl(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    ...(stream ? { stream } : {}),
  }
}
