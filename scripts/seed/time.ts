/** Time units, the first day of seeded history, and small date and number helpers. */

export const DAY = 86_400_000
export const HOUR = 3_600_000
export const MINUTE = 60_000
export const FIRST_DAY = Date.UTC(2024, 0, 1)

export const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10)
export const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n))
