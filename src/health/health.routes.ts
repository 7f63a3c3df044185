import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Db } from '../db/database.js'
import { ProblemError } from '../http/problems.js'
import { errors } from '../http/responses.js'
import { databaseAnswers } from './health.repository.js'

const Status = Type.Object({ status: Type.Literal('ok') }, { $id: 'HealthStatus' })

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.addSchema(Status)
  const common = { tags: ['Health'], security: [] }

  app.get(
    '/health/live',
    {
      // A busy instance is still alive: shedding load here would have an orchestrator restart it for being busy.
      // Readiness does shed, which takes the instance out of rotation until it catches up.
      config: { access: 'public', pressureHandler: () => undefined },
      schema: {
        ...common,
        operationId: 'getLiveness',
        summary: 'Liveness',
        description: 'The process is up, even while it sheds load (503 elsewhere). No auth.',
        response: { 200: Type.Ref('HealthStatus'), ...errors() },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        operationId: 'getReadiness',
        summary: 'Readiness',
        description: 'The database answers. No auth.',
        response: { 200: Type.Ref('HealthStatus'), ...errors(503) },
      },
    },
    async () => {
      if (!(await databaseAnswers(db))) throw new ProblemError('service-unavailable', 'The database is not reachable')
      return { status: 'ok' as const }
    },
  )
}
