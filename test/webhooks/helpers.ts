import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import type { DeliveryTuning } from '../../src/webhooks/delivery-lane.js'
import { startDeliveryWorker } from '../../src/webhooks/delivery-worker.js'
import { verify } from '../../src/webhooks/signing.js'
import type { WebhookSettings } from '../../src/webhooks/webhook-settings.js'
import type { TestApp } from '../helpers/app.js'
import { until } from '../helpers/until.js'

export { until }

interface Tap {
  teardown: (fn: () => unknown) => void
}

export interface Received {
  id: string
  body: { type: string; timestamp: string; data: { id: number; position: string; subjectId: string; teamId: string | null; subscriptionId?: string } }
  raw: string
  headers: IncomingHttpHeaders
  verified: boolean
}

/**
 * A local receiver that checks each signature against `state.secret`. `respond` gives the status of the
 * n-th request, or 'hang' to never answer; only 2xx answers are recorded in `got`.
 */
export async function receiver(t: Tap, respond: (n: number) => number | 'hang' = () => 200, extraHeaders: (n: number) => Record<string, string> = () => ({})) {
  const got: Received[] = []
  const hanging: ServerResponse[] = []
  const state = { secret: '', requests: 0 }
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => {
      raw += c
    })
    req.on('end', () => {
      const n = ++state.requests
      const status = respond(n)
      if (status === 'hang') {
        hanging.push(res)
        return
      }
      if (status < 300)
        got.push({
          id: String(req.headers['webhook-id']),
          body: JSON.parse(raw),
          raw,
          headers: req.headers,
          verified: verify(state.secret, req.headers, raw, Math.floor(Date.now() / 1000)),
        })
      res.writeHead(status, extraHeaders(n)).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(resolve)
      }),
  )
  const port = (server.address() as AddressInfo).port
  return { url: `http://127.0.0.1:${port}/hook`, port, got, state, hanging }
}

/** A delivery worker on the test app's database, quick to poll and retry, stopped at teardown. */
export async function worker(t: Tap, api: TestApp, tuning: Partial<DeliveryTuning> = {}, settings: Partial<WebhookSettings> = {}) {
  const running = await startDeliveryWorker({
    db: api.db,
    log: pino({ level: 'silent' }),
    settings: { ...api.webhooks, ...settings },
    connectionString: api.url,
    tuning: { pollIntervalMs: 50, retryDelaySeconds: 0.2, maxRetryDelaySeconds: 2, ...tuning },
  })
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await running.stop()
  }
  t.teardown(stop)
  return { stop }
}

/**
 * The delivery log once it shows at least `delivered` deliveries: a lane logs what it delivered when it
 * saves its cursor, which may come a moment after the receiver has them.
 */
export async function deliveryLog(api: TestApp, subscriptionId: string, delivered: number) {
  const read = async () => (await api.call({ method: 'GET', url: `/webhooks/${subscriptionId}/deliveries` })).json().items
  await until(async () => (await read()).filter((d: { status: string }) => d.status === 'delivered').length >= delivered)
  return read()
}

/** A subscription through the API; its secret is given to the receiver to verify signatures. */
export async function subscribe(api: TestApp, hook: { url: string; state: { secret: string } } | null, payload: Record<string, unknown>, key?: string) {
  const res = await api.call({
    method: 'POST',
    url: '/webhooks',
    payload: { name: 'Receiver', eventTypes: ['family.created'], ...(hook ? { url: hook.url } : {}), ...payload },
    key,
  })
  if (res.statusCode !== 201) throw new Error(`POST /webhooks gave ${res.statusCode}: ${res.body}`)
  const sub = res.json()
  if (hook) hook.state.secret = sub.secret
  return sub
}

/** Feed positions compare as (transaction, id). */
export const byPosition = (a: string, b: string) => {
  const [ta, ia] = a.split('-').map(BigInt)
  const [tb, ib] = b.split('-').map(BigInt)
  return ta !== tb ? (ta < tb ? -1 : 1) : ia < ib ? -1 : ia > ib ? 1 : 0
}

export const PRIVATE_OK = { env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } }
