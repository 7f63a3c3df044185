import path from 'node:path'
import closeWithGrace from 'close-with-grace'
import pino from 'pino'
import { ensureBootstrapAdminKey } from './api-keys/api-key.service.js'
import { buildApp } from './app.js'
import { type BackgroundWork, startBackgroundWork } from './background.js'
import { CalendarCache } from './calendar/index.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import type { JobQueue } from './context.js'
import { createDb } from './db/database.js'
import { type EmbeddedCluster, ensureDatabase, startEmbeddedPostgres } from './db/embedded.js'
import { EMBEDDED_DATABASE } from './db/embedded-database.js'
import { watchEmbeddedPostgres } from './db/embedded-watchdog.js'
import { migrateToLatest } from './db/migrate.js'
import { purgeIdempotencyKeys } from './http/idempotency.js'
import { loggerOptions } from './logger.js'
import { resolveWebhookSecretKey } from './webhooks/secret-key.js'
import { webhookSettings } from './webhooks/webhook-settings.js'

async function databaseUrl(config: Config): Promise<{ url: string; cluster: EmbeddedCluster | null }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, cluster: null }
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, 'pg'), port: config.EMBEDDED_PG_PORT })
  await ensureDatabase(cluster.url('postgres'), EMBEDDED_DATABASE)
  return { url: cluster.url(EMBEDDED_DATABASE), cluster }
}

async function main() {
  const config = loadConfig()
  const { url, cluster } = await databaseUrl(config)
  const log = pino(loggerOptions(config.LOG_LEVEL))
  // Migrations run without the statement timeout: one may rewrite a large table.
  const migrations = createDb(url, { poolSize: 1, log })
  await migrateToLatest(migrations)
  await migrations.destroy()
  const db = createDb(url, {
    poolSize: config.DB_POOL_SIZE,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    preparedStatements: config.DB_PREPARED_STATEMENTS,
    log,
  })
  // Read-audit rows do not wait for their WAL flush: see "What a crash can lose" in the README.
  const auditDb = createDb(url, {
    poolSize: Math.max(2, Math.ceil(config.DB_POOL_SIZE / 2)),
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    preparedStatements: config.DB_PREPARED_STATEMENTS,
    log,
    synchronousCommit: false,
  })
  const watchdog = cluster ? watchEmbeddedPostgres(cluster, log) : null
  const secretKey = await resolveWebhookSecretKey(config)
  if (secretKey.generated) {
    process.stdout.write(
      `\nGenerated the key that encrypts webhook signing secrets, kept in ${secretKey.generated} beside the database (back it up with it, or set WEBHOOK_SECRET_KEY)\n\n`,
    )
  }
  const webhooks = webhookSettings(config, secretKey.key)
  // Built working calendars are shared by the requests and the jobs of this instance.
  const calendars = new CalendarCache()
  // The app is built before the background work starts: building it keeps the event loop busy for seconds on
  // a small machine, and a database connection the work opened meanwhile would time out. No request reaches
  // the app before it listens, and by then the work has started.
  let background: BackgroundWork | null = null
  const started = () => {
    if (!background) throw new Error('The background work has not started')
    return background
  }
  const jobs: JobQueue = {
    requestBreachActions: (executeSql) => started().requestBreachActions(executeSql),
    requestImport: (executeSql, importId) => started().requestImport(executeSql, importId),
  }
  const app = await buildApp(config, { db, auditDb, jobs, webhooks, calendars })
  await app.ready()
  background = await startBackgroundWork({ db, connectionString: url, log, calendars, webhooks, breachActionGraceWorkingDays: config.BREACH_ACTION_GRACE })
  const bootstrapKey = await ensureBootstrapAdminKey(db, config.ADMIN_API_KEY)
  if (bootstrapKey) {
    process.stdout.write(`\nBootstrap admin API key (shown once, not stored in clear; keep it safe): ${bootstrapKey}\n\n`)
  }
  const purge = setInterval(
    () => void purgeIdempotencyKeys(db).catch((err) => app.log.warn({ err: { message: err.message } }, 'idempotency purge failed')),
    3_600_000,
  )
  purge.unref()

  // SIGTERM, SIGINT or an error nothing else caught: stop taking requests, let those in flight finish, stop the
  // jobs, close the pool and the embedded PostgreSQL, within SHUTDOWN_TIMEOUT_MS; past it, exit anyway.
  closeWithGrace(
    { delay: config.SHUTDOWN_TIMEOUT_MS, logger: { error: (...args: unknown[]) => app.log.error({ args: args.map(String) }, 'shutting down') } },
    async ({ signal, err }) => {
      if (err) app.log.error({ err: { type: err.name, message: err.message, stack: err.stack } }, 'unexpected error: shutting down')
      else app.log.info({ signal }, 'shutting down')
      clearInterval(purge)
      await app.close()
      await background?.stop()
      await db.destroy()
      await auditDb.destroy()
      await watchdog?.stop()
      await cluster?.stop()
    },
  )

  await app.listen({ port: config.PORT, host: config.HOST })
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`)
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`)
  }
  process.exit(1)
})
