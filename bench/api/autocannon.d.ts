/**
 * The part of autocannon 9 that bench:api uses. `@types/autocannon` describes version 7 and has neither
 * the raw per-run result (`skipAggregateResult`) nor `aggregateResult`, which merges the runs' latency
 * histograms.
 */
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string
    }

    interface RequestPlan extends Request {
      /** Called before every request: returns the request to send. */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request
    }

    interface Options {
      url: string
      connections?: number
      /** Seconds. */
      duration?: number
      headers?: Record<string, string>
      requests?: RequestPlan[]
      /** Seconds before a request counts as a timeout. */
      timeout?: number
    }

    /** One run's result with `skipAggregateResult: true`: counts and encoded histograms. */
    interface RawResult {
      latencies: string
      totalCompletedRequests: number
      totalRequests: number
      errors: number
      timeouts: number
      non2xx: number
      /** Seconds. */
      duration: number
      statusCodeStats: Record<string, { count: number }>
    }

    interface Histogram {
      average: number
      p50: number
      p90: number
      p99: number
      max: number
    }

    interface AggregateResult {
      /** Milliseconds. */
      latency: Histogram
    }

    function aggregateResult(results: RawResult[], options: { url: string; connections?: number }): AggregateResult
  }

  function autocannon(options: autocannon.Options & { skipAggregateResult: true }): Promise<autocannon.RawResult>

  export = autocannon
}
