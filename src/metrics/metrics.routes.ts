import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Registry } from 'prom-client'
import { errors } from '../http/responses.js'

/** Prometheus scrapes with an admin or viewer key: the metrics name teams and standards, not people. */
export const metricsRoutes: FastifyPluginAsyncTypebox<{ registry: Registry }> = async (app, { registry }) => {
  app.get(
    '/metrics',
    {
      config: { access: ['viewer'] as const },
      schema: {
        tags: ['Health'],
        operationId: 'getMetrics',
        summary: 'Metrics in the Prometheus text format',
        description:
          'HTTP request durations by route template and status, 5xx counts, database pool connections, webhook deliveries pending and failed, ' +
          'and SLA clocks open, due soon, overdue and missed by team and standard (the database figures are cached for 15 seconds), ' +
          'with the Node.js process metrics. Scrape with an admin or viewer key (`Authorization: Bearer`).',
        response: {
          200: { description: 'OK', content: { 'text/plain': { schema: Type.String({ description: 'Prometheus text exposition format 0.0.4' }) } } },
          ...errors(401, 403),
        },
      },
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  )
}
