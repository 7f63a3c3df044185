import type { Db } from '../db/database.js'
import { type AuditRead, insertAuditReads } from './audit.repository.js'

interface Waiting {
  reads: AuditRead[]
  done: (error?: unknown) => void
}

/** Rows per statement at most; the rest wait for the next one. */
const MAX_BATCH = 1000

/**
 * Appends to the read log as a group commit does: reads that arrive while a statement is in flight go
 * together in the next one. Each caller waits until the statement holding its rows has committed, so a
 * response still goes out only after its read is logged; under load one insert carries many reads.
 */
export class ReadLogWriter {
  #waiting: Waiting[] = []
  #writing = false

  constructor(private readonly db: Db) {}

  append(reads: AuditRead[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ reads, done: (error) => (error === undefined ? resolve() : reject(error)) })
      if (!this.#writing) void this.#writeAll()
    })
  }

  async #writeAll(): Promise<void> {
    this.#writing = true
    while (this.#waiting.length > 0) {
      const batch = this.#takeBatch()
      try {
        await insertAuditReads(
          this.db,
          batch.flatMap((w) => w.reads),
        )
        for (const w of batch) w.done()
      } catch (error) {
        for (const w of batch) w.done(error)
      }
    }
    this.#writing = false
  }

  #takeBatch(): Waiting[] {
    let rows = 0
    let n = 0
    while (n < this.#waiting.length && (n === 0 || rows + this.#waiting[n].reads.length <= MAX_BATCH)) rows += this.#waiting[n++].reads.length
    return this.#waiting.splice(0, n)
  }
}
