import type { Db } from '../db/database.js'
import { type FeedPosition, feedEvents } from '../events/feed.repository.js'

export type FeedEvent = Awaited<ReturnType<typeof feedEvents>>[number]

/** Whether position `a` comes after `b` in the feed: (transaction, id) order. */
const isAfter = (a: FeedPosition, b: FeedPosition) => {
  const tx = BigInt(a.tx) - BigInt(b.tx)
  return tx > 0n || (tx === 0n && a.id > b.id)
}
const positionOf = (e: FeedEvent): FeedPosition => ({ tx: String(e.tx), id: e.id })

/**
 * The feed as the lanes of one instance read it. Lanes woken together mostly stand at the same
 * position, so the first read after a wake is kept and served to the others that stand at or after
 * its start, until the next wake: one query per wake instead of one per lane.
 */
export function createFeedReader(db: Db, batchSize: number) {
  let kept: { from: FeedPosition; events: FeedEvent[]; generation: number } | null = null
  let generation = 0
  return {
    /** New events may have been written: what was kept may be incomplete. */
    invalidate() {
      generation++
      kept = null
    },
    /** Up to `batchSize` stable events after `position`; `more` when there may be further ones now. `fresh` asks the database. */
    async read(position: FeedPosition, fresh = false): Promise<{ events: FeedEvent[]; more: boolean }> {
      if (!fresh && kept && kept.generation === generation && !isAfter(kept.from, position)) {
        // `position` is at or after the kept read's start: serve what follows it.
        const rest = kept.events.filter((e) => isAfter(positionOf(e), position))
        if (rest.length > 0 || kept.events.length < batchSize) return { events: rest, more: kept.events.length === batchSize }
      }
      const startedAt = generation
      const events = await feedEvents(db, { after: position, limit: batchSize, onlyTeamId: null })
      if (startedAt === generation) kept = { from: position, events, generation }
      return { events, more: events.length === batchSize }
    },
  }
}

export type FeedReader = ReturnType<typeof createFeedReader>
