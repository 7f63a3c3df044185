import { type Static, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

const LogLevel = Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)))

/** Every environment variable the service reads, with its default. */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Interface to listen on' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'External PostgreSQL; unset starts the embedded one' })),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s/]+(/[^\\s]*)?$',
      description: 'The address clients reach the API at (behind a proxy), the servers entry of the document; unset: relative to the page',
    }),
  ),
  DATA_DIR: Type.String({ minLength: 1, default: '.data', description: 'Where the embedded PostgreSQL keeps its files' }),
  EMBEDDED_PG_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 54320 }),
  LOG_LEVEL: Type.Unsafe<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'>({
    ...LogLevel,
    default: 'info',
  }),
  ADMIN_API_KEY: Type.Optional(Type.String({ minLength: 24, description: 'Bootstrap admin key' })),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DB_CONNECT_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    maximum: 120_000,
    default: 5_000,
    description: 'How long a request waits for a database connection before a 503; 0 waits forever',
  }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    maximum: 3_600_000,
    default: 30_000,
    description: 'The database cancels a statement running longer (the request gets a 503); 0 lets it run',
  }),
  DB_PREPARED_STATEMENTS: Type.Boolean({
    default: true,
    description: 'Send the queries every request makes as named statements, planned once per connection; false behind a pooler that cannot keep them',
  }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 10_000,
    description: 'How long a graceful shutdown may take before the process exits anyway',
  }),
  BREACH_ACTION_GRACE: Type.Integer({
    minimum: 0,
    maximum: 20,
    default: 1,
    description: 'Working days a breach must have been known before the service acts on it (ends a request with no progress); 0 acts at once',
  }),
  API_KEY_CACHE_MS: Type.Integer({
    minimum: 0,
    maximum: 300_000,
    default: 5_000,
    description: 'How long an instance trusts an API key it has looked up: the bound on a revocation made through another instance; 0 looks up every request',
  }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({
    minimum: 0,
    default: 1_200,
    description: 'Requests per minute per API key (per address when unauthenticated); 0 turns the limit off',
  }),
  AUTH_FAILURES_PER_MINUTE: Type.Integer({
    minimum: 0,
    default: 20,
    description: 'Failed authentications per minute from one address before its further attempts get 429 without a lookup; 0 turns it off',
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 30_000,
    description: 'Time allowed to receive a whole request, body included; 0 for none',
  }),
  MAX_CONNECTIONS: Type.Integer({
    minimum: 0,
    default: 1_000,
    description: 'Open HTTP connections accepted at once; past it new ones are refused; 0 for no cap',
  }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    minimum: 0,
    default: 1_000,
    description: 'Above this event-loop delay the service answers 503 with Retry-After instead of queueing more work; 0 turns the check off',
  }),
  IMPORT_ASYNC_LINES: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 100,
    description:
      'A file sent to POST /imports with more lines than this is handed to the job queue (202, then GET /imports/{id}); smaller files are answered at once',
  }),
  WEBHOOK_SECRET_KEY: Type.Optional(
    Type.String({
      pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$',
      description: 'Encrypts webhook signing secrets at rest: 32 bytes, as 64 hex digits or base64',
    }),
  ),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: Type.Boolean({ default: false, description: 'Allow webhook URLs on loopback and private addresses' }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000, description: 'Time allowed for one webhook delivery' }),
  WEBHOOK_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 256, default: 16, description: 'Subscriptions delivered to at once per instance' }),
})

export type Config = Readonly<Static<typeof ConfigSchema>>

export class ConfigError extends Error {}

/** Parses the environment once into a frozen config; a bad value names the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {}
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') raw[key] = value
  }
  const withDefaults = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw))
  const errors = [...Value.Errors(ConfigSchema, withDefaults)]
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.path.slice(1)}: ${e.message} (got ${JSON.stringify(raw[e.path.slice(1)])})`)
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  return Object.freeze(withDefaults as Config)
}
