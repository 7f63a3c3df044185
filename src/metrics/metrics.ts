import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { type Db, poolOf } from '../db/database.js'
import { countClocksByTeamAndStandard, countUnfinishedImports, countWebhookDeliveries } from './metrics.repository.js'

/** How long the database-backed gauges are reused between scrapes, so scraping never costs a query per request. */
const CACHE_MS = 15_000

type Snapshot = {
  clocks: Awaited<ReturnType<typeof countClocksByTeamAndStandard>>
  deliveries: Awaited<ReturnType<typeof countWebhookDeliveries>>
  imports: Awaited<ReturnType<typeof countUnfinishedImports>>
}

/** One registry per app (no global default registry): HTTP, pool, webhook, import and SLA metrics. */
export function createMetrics(db: Db, clock: () => Date) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })

  let cached: { at: number; value: Promise<Snapshot> } | null = null
  const snapshot = () => {
    const at = Date.now()
    if (!cached || at - cached.at > CACHE_MS) {
      const value = Promise.all([countClocksByTeamAndStandard(db, clock()), countWebhookDeliveries(db), countUnfinishedImports(db)]).then(
        ([clocks, deliveries, imports]) => ({ clocks, deliveries, imports }),
      )
      cached = { at, value }
      value.catch(() => {
        cached = null
      })
    }
    return cached.value
  }

  const http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const pool = poolOf(db)
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting clients)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!pool) return
      this.set({ state: 'total' }, pool.totalCount)
      this.set({ state: 'idle' }, pool.idleCount)
      this.set({ state: 'waiting' }, pool.waitingCount)
    },
  })
  new Gauge({
    name: 'webhook_deliveries',
    help: 'Webhook deliveries pending (the delivery queue depth) and failed for good',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const { deliveries } = await snapshot()
      this.set({ status: 'pending' }, deliveries.pending ?? 0)
      this.set({ status: 'failed' }, deliveries.failed ?? 0)
    },
  })
  const importGauge = (name: string, help: string, pick: (row: Snapshot['imports'][number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        const { imports } = await snapshot()
        for (const status of ['queued', 'running'] as const)
          this.set({ status }, pick(imports.find((r) => r.status === status) ?? { status, imports: 0, lines: 0 }))
      },
    })
  importGauge('imports_unfinished', 'Imports handed to the job queue and not finished, by status (the import queue depth)', (r) => r.imports)
  importGauge('import_lines_waiting', 'Lines of unfinished imports not applied yet, by the import’s status', (r) => r.lines)
  const slaGauge = (name: string, help: string, pick: (row: Snapshot['clocks'][number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['team', 'standard'] as const,
      registers: [registry],
      async collect() {
        const { clocks } = await snapshot()
        this.reset()
        for (const row of clocks) this.set({ team: row.team, standard: row.standard }, pick(row))
      },
    })
  slaGauge('sla_clocks_open', 'Open SLA clocks (neither stopped nor closed) by team and standard', (r) => r.open)
  slaGauge('sla_clocks_due_soon', 'Running SLA clocks within their due-soon working days', (r) => r.dueSoon)
  slaGauge('sla_clocks_overdue', 'Running SLA clocks past their due instant', (r) => r.overdue)
  slaGauge('sla_clocks_missed', 'SLA clocks closed after their due instant without their work done', (r) => r.missed)
  const errors = new Counter({ name: 'http_server_errors_total', help: 'Responses with a 5xx status', labelNames: ['route'] as const, registers: [registry] })

  /** Times every response by its route template (never the raw URL, so ids do not explode the label set). */
  const register = (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched'
      http.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000)
      if (reply.statusCode >= 500) errors.inc({ route })
    })
  }
  return { registry, register }
}
