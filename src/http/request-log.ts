import { LogController } from 'fastify'

/**
 * One log line per request, when it has been answered: the request, the status and the time taken.
 * Fastify's default also writes a line when each request arrives: the same request id and URL again,
 * for CPU on every request.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(...[error, request, reply]: Parameters<LogController['requestCompleted']>): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored')
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}
