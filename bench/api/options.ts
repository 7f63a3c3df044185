/** The command-line options of `npm run bench:api`. */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CASE_IDS } from './cases.js'

export interface Options {
  /** Seconds per measured run. */
  duration: number
  /** Seconds of warm-up per server and case, not counted. */
  warmup: number
  connections: number
  /** Case ids to run, in table order. */
  only: string[]
  /** Write a CPU profile of the API for each case, and summarise it. */
  profile: boolean
  profileDir: string
  /** Print the SQL of one request of each case and EXPLAIN ANALYZE of the reads of GET one family. */
  explain: boolean
  /** Families to seed into an empty database. */
  families: number
  /** An embedded cluster's directory to keep (and reuse when seeded); null: a temporary one. */
  dataDir: string | null
  apiLogLevel: string
  /** The checkout whose `src/server.ts` is the API under test (default: this one). */
  apiDir: string
  apiPort: number
  pgPort: number
}

export class UsageError extends Error {}

const USAGE = `npm run bench:api -- [--duration 10] [--warmup 3] [--connections 10] [--quick] [--only family-get,family-post]
                      [--profile [--profile-dir bench/profiles]] [--explain] [--families 10000] [--data-dir DIR] [--api-log-level info] [--api-dir DIR]`

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string', default: '10' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'profile-dir': { type: 'string', default: path.join('bench', 'profiles') },
      explain: { type: 'boolean', default: false },
      families: { type: 'string', default: '10000' },
      'data-dir': { type: 'string' },
      'api-log-level': { type: 'string', default: env.LOG_LEVEL ?? 'info' },
      'api-dir': { type: 'string', default: '.' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) throw new UsageError(USAGE)
  const number = (name: string, value: string, min: number) => {
    const n = Number(value)
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number >= ${min}, got ${value}\n${USAGE}`)
    return n
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...CASE_IDS]
  const unknown = only.filter((id) => !CASE_IDS.includes(id))
  if (unknown.length > 0) throw new UsageError(`--only: unknown case ${unknown.join(', ')}; the cases are ${CASE_IDS.join(', ')}`)
  return {
    duration: number('duration', values.duration ?? (values.quick ? '3' : '10'), 1),
    warmup: number('warmup', values.warmup ?? (values.quick ? '1' : '3'), 0),
    connections: number('connections', values.connections!, 1),
    only: CASE_IDS.filter((id) => only.includes(id)),
    profile: values.profile!,
    profileDir: path.resolve(values['profile-dir']!),
    explain: values.explain!,
    families: number('families', values.families!, 100),
    dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : env.DATA_DIR ? path.resolve(env.DATA_DIR) : null,
    apiLogLevel: values['api-log-level']!,
    apiDir: path.resolve(values['api-dir']!),
    apiPort: number('PORT', env.PORT || '3300', 1),
    pgPort: number('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT || '54330', 1),
  }
}

export const describeMachine = () =>
  `${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`
