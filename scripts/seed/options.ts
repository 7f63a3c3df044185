/** The seed's command-line options, parsed and checked. */
import { parseArgs } from 'node:util'
import { DAY, FIRST_DAY } from './time.js'

/** A mistake in how the seed was run: reported without a stack trace. */
export class UsageError extends Error {}

export interface Options {
  families: number
  clocksPerFamily: number
  teams: number
  seed: number
  now: Date
  /** Working days a breach is known before the service acts on it, as BREACH_ACTION_GRACE. */
  breachActionGrace: number
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      families: { type: 'string', default: '100000' },
      'clocks-per-family': { type: 'string', default: '10' },
      teams: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      now: { type: 'string' },
      'breach-action-grace': { type: 'string', default: '1' },
    },
  })
  const positive = (name: string, value: string) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number, got ${value}`)
    return n
  }
  const whole = (name: string, value: string) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got ${value}`)
    return n
  }
  const today = new Date()
  const now = values.now ? new Date(values.now) : new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()))
  if (Number.isNaN(now.getTime()) || now.getTime() < FIRST_DAY + 30 * DAY)
    throw new UsageError(`--now must be an instant after February 2024, got ${values.now}`)
  return {
    families: positive('families', values.families),
    clocksPerFamily: positive('clocks-per-family', values['clocks-per-family']),
    teams: positive('teams', values.teams),
    seed: positive('seed', values.seed),
    now,
    breachActionGrace: whole('breach-action-grace', values['breach-action-grace']),
  }
}
