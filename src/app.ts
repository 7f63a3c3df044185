import { randomUUID } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import underPressure from '@fastify/under-pressure'
import Fastify, { type FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import { allocationRoutes } from './allocations/allocation.routes.js'
import { apiKeyRoutes } from './api-keys/api-key.routes.js'
import { apiSchemas } from './api-schemas.js'
import { assessmentRoutes } from './assessments/assessment.routes.js'
import { auditRoutes, registerReadAudit } from './audit/audit.routes.js'
import { breachRoutes } from './breaches/breach.routes.js'
import { breachCsvRoutes } from './breaches/breach-csv.routes.js'
import { CalendarCache } from './calendar/index.js'
import { calendarRoutes } from './calendars/calendar.routes.js'
import { workingDayRoutes } from './calendars/working-days.routes.js'
import { caseloadRoutes } from './caseload/caseload.routes.js'
import type { Config } from './config.js'
import { consentDecisionRoutes } from './consent-decisions/consent-decision.routes.js'
import { consentRoutes } from './consents/consent.routes.js'
import { consultationRoutes } from './consultations/consultation.routes.js'
import type { JobQueue } from './context.js'
import type { Db } from './db/database.js'
import { escalationRoutes } from './escalations/escalation.routes.js'
import { eventRoutes } from './events/event.routes.js'
import { familyRoutes } from './families/family.routes.js'
import { healthRoutes } from './health/health.routes.js'
import { registerAuth } from './http/auth.js'
import { AuthThrottle } from './http/auth-throttle.js'
import { registerContentNegotiation } from './http/content-negotiation.js'
import { registerDeprecation } from './http/deprecation.js'
import { registerErrorHandler } from './http/error-handler.js'
import { registerIdempotency } from './http/idempotency.js'
import { KeyCache } from './http/key-cache.js'
import { OneLinePerRequest } from './http/request-log.js'
import { clientErrorProblem, routerErrorProblem } from './http/router-errors.js'
import { buildSerializer } from './http/serialization.js'
import { registerTextInputCheck } from './http/text-input.js'
import { registerUnreadBodyDrain } from './http/unread-body.js'
import { createValidatorCompiler } from './http/validation.js'
import { importRoutes } from './imports/import.routes.js'
import { interventionRoutes } from './interventions/intervention.routes.js'
import { loggerOptions } from './logger.js'
import { createMetrics } from './metrics/metrics.js'
import { metricsRoutes } from './metrics/metrics.routes.js'
import { openApiOptionsFor } from './openapi.js'
import { outcomeMeasureRoutes } from './outcome-measures/outcome-measure.routes.js'
import { panelRoutes } from './panels/panel.routes.js'
import { planRoutes } from './plans/plan.routes.js'
import { practitionerRoutes } from './practitioners/practitioner.routes.js'
import { problemPageRoutes } from './problems/problem-page.routes.js'
import { breachTrendRoutes } from './reports/breach-trend.routes.js'
import { outcomeReportRoutes } from './reports/outcome-report.routes.js'
import { serviceRequestRoutes } from './service-requests/service-request.routes.js'
import { serviceStandardRoutes } from './service-standards/service-standard.routes.js'
import { presets } from './sla/index.js'
import { slaClockRoutes } from './sla-clocks/sla-clock.routes.js'
import { supervisionRoutes } from './supervision/supervision.routes.js'
import { teamRoutes } from './teams/team.routes.js'
import { timelineRoutes } from './timeline/timeline.routes.js'
import { webhookRoutes } from './webhooks/webhook.routes.js'
import { type WebhookSettings, webhookSettings } from './webhooks/webhook-settings.js'

export interface AppOptions {
  db: Db
  /** Where read-audit rows are written (default: `db`); the server gives a pool that does not wait for the WAL flush. */
  auditDb?: Db
  /** Where logs go (tests read them); stdout by default. */
  logStream?: DestinationStream
  /**
   * The current time (default: the system clock). Every "now" of a request comes from here: the instants
   * a change records, its events and audit rows, and the moment SLA fields are computed as of. The
   * database's `now()` is used only for its own housekeeping (idempotency-key expiry).
   */
  clock?: () => Date
  /** The working calendars built once per version; one per instance, shared with its jobs. */
  calendars?: CalendarCache
  /** The job queue that runs breach actions; none when this instance runs no jobs. */
  jobs?: JobQueue | null
  /** Webhook key, target policy and HTTP settings; derived from `config` when not given. */
  webhooks?: WebhookSettings
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/

/** The Node server options that make `REQUEST_TIMEOUT_MS` the time a whole request may take. */
const requestDeadlines = (requestTimeout: number) => ({
  headersTimeout: requestTimeout > 0 ? Math.min(60_000, requestTimeout) : 60_000,
  connectionsCheckingInterval: requestTimeout > 0 ? Math.min(30_000, Math.max(250, Math.round(requestTimeout / 4))) : 30_000,
})

/** Builds the whole API, without listening, so tests and the contract script can use it as it is. */
export async function buildApp(
  config: Config,
  { db, auditDb = db, logStream, clock = () => new Date(), jobs = null, webhooks = webhookSettings(config), calendars = new CalendarCache() }: AppOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL, logStream),
    logController: new OneLinePerRequest(),
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true },
    // A client that sends its request slowly is cut off, rather than holding a connection open. Node uses the
    // longer of the headers and request timeouts (its headers timeout is 60 s unless set) and checks them
    // every 30 s by default: both are set here, so the request timeout is the one that holds.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    http: requestDeadlines(config.REQUEST_TIMEOUT_MS),
    schemaController: { compilersFactory: { buildSerializer } },
    frameworkErrors: routerErrorProblem,
    clientErrorHandler: clientErrorProblem,
  }).withTypeProvider<TypeBoxTypeProvider>()
  if (config.MAX_CONNECTIONS > 0) app.server.maxConnections = config.MAX_CONNECTIONS

  // The standards presets are validated now: a broken preset file stops the service at start.
  presets()
  app.decorate('clock', clock)
  app.decorate('jobs', jobs)
  app.decorate('calendars', calendars)
  app.decorate('apiKeys', new KeyCache(config.API_KEY_CACHE_MS))

  // Shared schemas first: routes and the OpenAPI document reference them by $id.
  const schemas = apiSchemas
  for (const schema of schemas) app.addSchema(schema)
  app.setValidatorCompiler(createValidatorCompiler(schemas))

  // JSON only: anything else is a 415 rather than a string the schemas would reject as the wrong type.
  app.removeContentTypeParser('text/plain')
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // Responses carry case records: no shared or browser cache may keep them.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  })
  registerErrorHandler(app)
  registerUnreadBodyDrain(app)
  if (config.MAX_EVENT_LOOP_DELAY_MS > 0) {
    // An overloaded instance says so (503, Retry-After) instead of queueing requests it would answer too late.
    await app.register(underPressure, { maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS, retryAfter: 5 })
  }
  registerTextInputCheck(app)

  // The contract and its reference page; @fastify/swagger must see every route registered after it.
  await app.register(fastifySwagger, openApiOptionsFor(config.PUBLIC_URL))
  await app.register(async (docs) => {
    // The reference page and its assets are public, like the document they show.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' }
    })
    await docs.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } })
  })
  // Built once, on the first call after every route is registered: it is public and large. Kept as UTF-8
  // bytes, so that no call encodes the 1 MB string again.
  let contract: Buffer | null = null
  app.get('/openapi.json', { config: { access: 'public', produces: ['application/json'] }, schema: { hide: true } }, async (_request, reply) => {
    contract ??= Buffer.from(JSON.stringify(app.swagger()))
    return reply.type('application/json; charset=utf-8').send(contract)
  })

  // Authentication runs on every route before the body is read; idempotency after validation.
  registerAuth(app, db, { keys: app.apiKeys, throttle: new AuthThrottle(config.AUTH_FAILURES_PER_MINUTE) })
  registerContentNegotiation(app)
  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    // Per key once authenticated (so after the auth hook), per address otherwise; health checks are never limited.
    await app.register(rateLimit, {
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      hook: 'preHandler',
      // The IETF RateLimit-* header fields rather than the older X-RateLimit-* ones.
      enableDraftSpec: true,
      keyGenerator: (request) => (request.caller ? `key:${request.caller.keyId}` : `ip:${request.ip}`),
      allowList: (request) => request.routeOptions.url?.startsWith('/health/') ?? false,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'FST_RATE_LIMITED',
        message: `More than ${context.max} requests a minute; try again in ${Math.ceil(context.ttl / 1000)} s`,
      }),
    })
  }
  registerIdempotency(app, db)
  registerReadAudit(app, auditDb)
  registerDeprecation(app)
  const metrics = createMetrics(db, clock)
  metrics.register(app)

  await app.register(healthRoutes, { db })
  await app.register(problemPageRoutes)
  await app.register(metricsRoutes, { registry: metrics.registry })
  await app.register(apiKeyRoutes, { db })
  await app.register(calendarRoutes, { db })
  await app.register(workingDayRoutes, { db })
  await app.register(serviceStandardRoutes)
  await app.register(teamRoutes, { db })
  await app.register(practitionerRoutes, { db })
  await app.register(supervisionRoutes, { db })
  await app.register(familyRoutes, { db })
  await app.register(serviceRequestRoutes, { db })
  await app.register(allocationRoutes, { db })
  await app.register(consultationRoutes, { db })
  await app.register(consentRoutes, { db })
  await app.register(consentDecisionRoutes, { db })
  await app.register(planRoutes, { db })
  await app.register(panelRoutes, { db })
  await app.register(assessmentRoutes, { db })
  await app.register(timelineRoutes, { db })
  await app.register(slaClockRoutes, { db })
  await app.register(breachRoutes, { db })
  await app.register(breachCsvRoutes, { db })
  await app.register(interventionRoutes, { db })
  await app.register(outcomeMeasureRoutes)
  await app.register(outcomeReportRoutes, { db })
  await app.register(breachTrendRoutes, { db })
  await app.register(caseloadRoutes, { db })
  await app.register(escalationRoutes, { db })
  await app.register(eventRoutes, { db })
  await app.register(webhookRoutes, { db, settings: webhooks })
  await app.register(auditRoutes, { db })
  await app.register(importRoutes, { db, schemas, asyncLines: config.IMPORT_ASYNC_LINES })

  return app
}
