import type { Test } from 'tap'

type Clock = { standard: string; status: string; dueDate: string }
type WithSla = { sla: { clocks: Clock[] } }

/** Each clock of a resource as `standard status due`, in the order the block lists them. */
export const clocksOf = (resource: WithSla) => resource.sla.clocks.map((c) => `${c.standard} ${c.status} ${c.dueDate}`)

/** Prints a step of the walk with the clocks of the resources it touched, and returns them for asserting. */
export function step(t: Test, label: string, resources: Record<string, WithSla>) {
  t.comment(label)
  const shown: Record<string, string[]> = {}
  for (const [name, resource] of Object.entries(resources)) {
    shown[name] = clocksOf(resource)
    t.comment(`  ${name}: ${shown[name].length === 0 ? '(no clocks)' : shown[name].join('; ')}`)
  }
  return shown
}
