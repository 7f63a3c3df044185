import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { DestinationStream } from 'pino'
import pino from 'pino'
import { v7 as uuidv7 } from 'uuid'
import { buildApp } from '../../src/app.js'
import { startBackgroundWork } from '../../src/background.js'
import { CalendarCache } from '../../src/calendar/index.js'
import { loadConfig } from '../../src/config.js'
import type { Role } from '../../src/context.js'
import { createDb, type Db } from '../../src/db/database.js'
import { hashKey, newKeySecret } from '../../src/http/auth.js'
import { verifyClocks } from '../../src/sla-clocks/verify-clocks.js'
import { type WebhookSettings, webhookSettings } from '../../src/webhooks/webhook-settings.js'
import { createTestDatabase } from './database.js'

export interface TestApp {
  app: FastifyInstance
  db: Db
  /** Counts the SQL statements `fn` runs through the app's database. */
  countQueries: (fn: () => Promise<unknown>) => Promise<number>
  /** The SQL the app's pool ran during `fn`, in order. */
  queriesOf: (fn: () => Promise<unknown>) => Promise<string[]>
  /** The connection string of this test file's database. */
  url: string
  /** A key of the admin role, for every team. */
  adminKey: string
  /** Makes a key directly in the database (the API way is tested on its own). */
  keyFor: (role: Role, teamId?: string | null) => Promise<string>
  /** `app.inject` with `Authorization: Bearer <key>` (the admin key unless another is given). */
  call: (options: InjectOptions & { key?: string | null }) => Promise<LightMyRequestResponse>
  /** The app's webhook settings, with a secret key of its own, for a delivery worker to share. */
  webhooks: WebhookSettings
}

interface Tap {
  teardown: (fn: () => unknown) => void
}

/** The real app on a database of its own, closed and dropped when the test ends. */
/** Tests run at a fixed moment, after the dates of the contract's worked examples. */
export const TEST_NOW = '2027-02-01T12:00:00.000Z'

export async function buildTestApp(
  t: Tap,
  options: {
    logStream?: DestinationStream
    env?: Record<string, string>
    now?: string | (() => Date)
    jobs?: boolean
    webhooks?: Partial<WebhookSettings>
    verifyClocks?: false
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase()
  let counting: string[] | null = null
  const db = createDb(database.url, { poolSize: 5, onQuery: (sql) => counting?.push(sql) })
  const queriesOf = async (fn: () => Promise<unknown>) => {
    const seen: string[] = []
    counting = seen
    try {
      await fn()
      return seen
    } finally {
      counting = null
    }
  }
  const countQueries = async (fn: () => Promise<unknown>) => (await queriesOf(fn)).length
  // Tests make many calls in a burst on a busy machine: no rate limit or load shedding unless a test asks.
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: database.url, RATE_LIMIT_PER_MINUTE: '0', MAX_EVENT_LOOP_DELAY_MS: '0', ...options.env })
  const now = options.now ?? TEST_NOW
  const clock = typeof now === 'function' ? now : () => new Date(now)
  const webhooks = { ...webhookSettings(config, randomBytes(32)), ...options.webhooks }
  const calendars = new CalendarCache()
  const jobs = options.jobs
    ? await startBackgroundWork({
        db,
        connectionString: database.url,
        log: pino({ level: 'silent' }),
        calendars,
        clock,
        pollingIntervalSeconds: 0.5,
        webhooks,
        breachActionGraceWorkingDays: config.BREACH_ACTION_GRACE,
      })
    : null
  const app = await buildApp(config, { db, logStream: options.logStream, clock, jobs, webhooks, calendars })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await jobs?.stop()
    // Every verdict the scenario left is reproducible from its event log (verify:clocks).
    const verification = options.verifyClocks === false ? null : await verifyClocks(db)
    await db.destroy()
    await database.drop()
    if (verification && verification.differences.length > 0) {
      throw new Error(`verify:clocks found ${verification.differences.length} differences: ${JSON.stringify(verification.differences.slice(0, 5))}`)
    }
  })
  const keyFor = async (role: Role, teamId: string | null = null) => {
    const { secret, prefix } = newKeySecret()
    await db
      .insertInto('apiKeys')
      .values({ id: uuidv7(), name: `test ${role}`, role, teamId, keyHash: hashKey(secret), keyPrefix: prefix })
      .execute()
    return secret
  }
  const adminKey = await keyFor('admin')
  const call = ({ key, headers, ...rest }: InjectOptions & { key?: string | null }) =>
    app.inject({
      ...rest,
      headers: { ...(key === null ? {} : { authorization: `Bearer ${key ?? adminKey}` }), ...headers },
    })
  return { app, db, url: database.url, adminKey, keyFor, call, countQueries, queriesOf, webhooks }
}
