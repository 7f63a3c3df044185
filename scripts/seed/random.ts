/** Deterministic randomness (one seeded stream per run) and the UUID v7 ids drawn from it. */
import { v7 as uuidv7 } from 'uuid'

/** mulberry32: small, fast and good enough for synthetic data; one stream per run makes it repeatable. */
export class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min)
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  weighted<K extends string | number>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][]
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0)
    for (const [key, w] of entries) {
      r -= w
      if (r < 0) return key
    }
    return entries[entries.length - 1][0]
  }
  bytes16(): Uint8Array {
    const bytes = new Uint8Array(16)
    for (let i = 0; i < 16; i += 4) {
      const word = Math.floor(this.next() * 4294967296)
      bytes[i] = word >>> 24
      bytes[i + 1] = (word >>> 16) & 0xff
      bytes[i + 2] = (word >>> 8) & 0xff
      bytes[i + 3] = word & 0xff
    }
    return bytes
  }
}

/** A UUID v7 whose timestamp is when the record came to be, and whose random part comes from the seed. */
export const newId = (rng: Random, at: number): string => uuidv7({ msecs: at, random: rng.bytes16() })
