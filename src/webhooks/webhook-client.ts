import type { LookupFunction } from 'node:net'
import { Agent, request } from 'undici'
import { addressRefusal, checkResolvedTarget, checkTargetUrl, type TargetPolicy, TargetRefusedError } from './target-policy.js'
import { resolveAllWith } from './webhook-settings.js'

/** One HTTP attempt, as the delivery log keeps it: never a body, a secret or personal data. */
export interface AttemptOutcome {
  statusCode: number | null
  error: string | null
  durationMs: number
}

/**
 * A lookup that refuses, at connection time, any address the policy does not allow: the address
 * checked is the one connected to, so a name that resolved to a public address when the subscription
 * was made and to a private one now (DNS rebinding) is still refused.
 */
export function guardedLookup(lookup: LookupFunction, policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family)
      const all = Array.isArray(address) ? address : [{ address }]
      for (const a of all) {
        const refusal = addressRefusal(a.address, policy)
        if (refusal) return callback(new TargetRefusedError(`${hostname} resolves to ${refusal}`), '', 0)
      }
      callback(null, address, family)
    })
  }
}

export interface WebhookClient {
  /** POSTs `body` to `url`; never follows a redirect; `signal` aborts (the outcome is then null). */
  post(url: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<AttemptOutcome | null>
  close(): Promise<void>
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null
const nameOf = (error: unknown) => (isObject(error) && 'name' in error && typeof error.name === 'string' ? error.name : undefined)
const codeOf = (error: unknown) => (isObject(error) && 'code' in error && typeof error.code === 'string' ? error.code : undefined)
const causeOf = (error: unknown) => (isObject(error) && 'cause' in error ? error.cause : undefined)

function describe(error: unknown): string {
  const cause = causeOf(error)
  if (error instanceof TargetRefusedError) return `refused: ${error.message}`
  if (cause instanceof TargetRefusedError) return `refused: ${cause.message}`
  if (nameOf(error) === 'TimeoutError' || /TIMEOUT/.test(codeOf(error) ?? '')) return 'timeout'
  const code = codeOf(error) ?? codeOf(cause)
  return code ? `connection failed (${code})` : 'connection failed'
}

/** The HTTP client deliveries and test pings use: undici, connection-time address checks, a hard timeout. */
export function createWebhookClient(options: { policy: TargetPolicy; lookup: LookupFunction; timeoutMs: number }): WebhookClient {
  const { policy, timeoutMs } = options
  const agent = new Agent({
    connect: { lookup: guardedLookup(options.lookup, policy), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  })
  const resolveAll = resolveAllWith(options.lookup)
  return {
    async post(url, headers, body, signal) {
      const started = performance.now()
      const elapsed = () => Math.round(performance.now() - started)
      const timeout = AbortSignal.timeout(timeoutMs)
      try {
        const target = checkTargetUrl(url, policy)
        // A protected port is refused on any non-public address, which only a lookup can tell.
        if (!target.address && policy.protectedPorts.includes(target.port)) await checkResolvedTarget(target, policy, resolveAll)
        const response = await request(target.url, {
          method: 'POST',
          headers,
          body,
          dispatcher: agent,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        })
        await response.body.dump()
        const status = response.statusCode
        const error = status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`
        return { statusCode: status, error, durationMs: elapsed() }
      } catch (error) {
        if (signal?.aborted) return null
        return { statusCode: null, error: timeout.aborted ? 'timeout' : describe(error), durationMs: elapsed() }
      }
    },
    close: () => agent.close(),
  }
}
