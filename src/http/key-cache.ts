import type { Role } from '../context.js'

export interface CachedKey {
  id: string
  role: Role
  teamId: string | null
}

/** Enough for every key of a large deployment; past it the oldest entry goes. */
const MAX_ENTRIES = 10_000

/**
 * Active API keys by the hash of their secret, each kept for `ttlMs` after it was read. A revocation
 * made through this instance forgets the key at once; one made through another instance takes effect
 * here when the entry expires, so `ttlMs` is the bound on how long a revoked key keeps working.
 * Unknown or revoked keys are never cached: each such attempt is looked up (and throttled).
 */
export class KeyCache {
  private readonly entries = new Map<string, { key: CachedKey; until: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(hash: string): CachedKey | null {
    const entry = this.entries.get(hash)
    if (!entry) return null
    if (entry.until > this.now()) return entry.key
    this.entries.delete(hash)
    return null
  }

  set(hash: string, key: CachedKey): void {
    if (this.ttlMs <= 0) return
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
    this.entries.set(hash, { key, until: this.now() + this.ttlMs })
  }

  /** Forgets a key by id, e.g. once it is revoked. */
  forget(id: string): void {
    for (const [hash, entry] of this.entries) if (entry.key.id === id) this.entries.delete(hash)
  }
}
