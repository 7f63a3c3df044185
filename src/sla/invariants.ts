/** A value the code's own bookkeeping guarantees; its absence is a bug, reported with `what`. */
export function present<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Missing ${what}`)
  return value
}

/** The later of two instants (Math.max would give a number, not the instant). */
export const laterOf = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b)
