import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'

/** How much of a body the API reads and drops to answer its sender (beyond the body limit), and for how long. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024
const DRAIN_LIMIT_MS = 10_000

/** Reads and drops the rest of `raw`, up to the limits; true if it ended within them. */
function drain(raw: IncomingMessage, maxBytes: number, maxMs: number): Promise<boolean> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve(true)
  return new Promise((resolve) => {
    let seen = 0
    const finish = (ended: boolean) => {
      clearTimeout(timer)
      raw.off('data', onData)
      raw.off('end', onEnd)
      raw.off('close', onClose)
      raw.off('error', onClose)
      resolve(ended)
    }
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > maxBytes) finish(false)
    }
    const onEnd = () => finish(true)
    const onClose = () => finish(raw.complete)
    const timer = setTimeout(() => finish(false), maxMs)
    raw.on('data', onData)
    raw.once('end', onEnd)
    raw.once('close', onClose)
    raw.once('error', onClose)
    raw.resume()
  })
}

/**
 * An answer given before the body was read (413 for a body over the limit, or a 401, 406 or 415 found
 * from the headers) waits for the client to finish sending, reading and dropping the rest, so that the
 * client reads the answer: closing a connection the client is still writing to resets it, and the
 * client then sees a reset, not the 413. A body past the drain limits is cut off with `Connection: close`.
 */
export function registerUnreadBodyDrain(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // `complete` is false only on a socket still receiving the request (an injected request has none).
    if (request.raw.complete !== false) return payload
    const ended = await drain(request.raw, DRAIN_LIMIT_BYTES, DRAIN_LIMIT_MS)
    if (!ended) reply.header('connection', 'close')
    return payload
  })
}
