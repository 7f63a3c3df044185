/** Waits until `what` holds, checking every 50 ms; fails after `ms`. */
export const until = async (what: () => Promise<boolean> | boolean, ms = 60_000) => {
  const started = Date.now()
  while (!(await what())) {
    if (Date.now() - started > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}
