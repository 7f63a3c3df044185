/**
 * Failed authentications by client address over a fixed one-minute window. Past `perMinute` failures an
 * address is refused (429) without a key lookup until its window ends, so guessing keys costs the
 * guesser time and the database nothing.
 */
export class AuthThrottle {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>()

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  retryAfter(address: string): number {
    if (this.perMinute <= 0) return 0
    const window = this.windows.get(address)
    if (!window) return 0
    const left = window.resetAt - this.now()
    if (left <= 0) {
      this.windows.delete(address)
      return 0
    }
    return window.failures >= this.perMinute ? Math.ceil(left / 1000) : 0
  }

  failed(address: string): void {
    if (this.perMinute <= 0) return
    const now = this.now()
    const window = this.windows.get(address)
    if (!window || window.resetAt <= now) {
      // Expired windows go when their address fails again or is checked; sweep the rest now and then.
      if (this.windows.size > 10_000) for (const [a, w] of this.windows) if (w.resetAt <= now) this.windows.delete(a)
      this.windows.set(address, { failures: 1, resetAt: now + 60_000 })
    } else {
      window.failures++
    }
  }
}
