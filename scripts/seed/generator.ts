/** `Generator`: families and their cases, scripted and simulated a chunk at a time, with a tally of clock statuses. */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Insertable } from 'kysely'
import type { AllocationsTable } from '../../src/db/tables/allocation.table.js'
import type { FamiliesTable } from '../../src/db/tables/family.table.js'
import type { ServiceRequestsTable } from '../../src/db/tables/service-request.table.js'
import type { PresetId } from '../../src/sla/index.js'
import { allocationRow, requestRow } from './case-rows.js'
import { CaseScript } from './case-script.js'
import { type ClockRecord, type EventRecord, type PauseRecord, type SimulatedCase, STATUSES, statusOf, type Tally } from './clock-records.js'
import { familyRow } from './families.js'
import type { Options } from './options.js'
import { SCRIPTS } from './preset-cases.js'
import type { Random } from './random.js'
import { CaseSimulator } from './simulator.js'
import type { Team } from './teams.js'
import { DAY, FIRST_DAY } from './time.js'
import { officeHours } from './timing.js'

export interface Chunk {
  families: Insertable<FamiliesTable>[]
  requests: Insertable<ServiceRequestsTable>[]
  allocations: Insertable<AllocationsTable>[]
  clocks: ClockRecord[]
  pauses: PauseRecord[]
  events: EventRecord[]
}

export class Generator {
  private carry = 0
  readonly tally: Tally = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Tally

  constructor(
    private readonly rng: Random,
    private readonly teams: Team[],
    private readonly options: Options,
  ) {}

  /** Families [from, to), yielding to the event loop now and then so the previous chunk's queries keep flowing. */
  async chunk(from: number, to: number): Promise<Chunk> {
    const chunk: Chunk = { families: [], requests: [], allocations: [], clocks: [], pauses: [], events: [] }
    for (let index = from; index < to; index++) {
      this.family(index, chunk)
      if (index % 100 === 99) await yieldToEventLoop()
    }
    return chunk
  }

  /**
   * One family and its cases, one after another until its clock budget is spent or the cases reach
   * `now`. A budget a family could not spend in time passes to the next family.
   */
  private family(index: number, chunk: Chunk): void {
    const { rng, options } = this
    const now = options.now.getTime()
    const team = this.pickTeam()
    const createdAt = this.createdAt()
    const family = familyRow(rng, index, team.row.id, createdAt)
    chunk.families.push(family)
    const budget = team.budget * rng.between(0.6, 1.4) + this.carry
    let produced = 0
    let receivedAt = createdAt + rng.between(0, 2) * DAY
    // Another case while at least half a case's worth of budget is left (always one).
    for (let ordinal = 1; (ordinal === 1 || produced + team.caseClocks / 2 < budget) && receivedAt < now; ordinal++) {
      const script = new CaseScript(rng, team, family.id, officeHours(rng, receivedAt))
      SCRIPTS[team.preset.id as PresetId](script, budget - produced)
      const sim = new CaseSimulator(rng, team, now, options.breachActionGrace).run(script)
      this.collect(sim, ordinal, chunk)
      produced += sim.clocks.length
      receivedAt = script.end + rng.between(14, 150) * DAY
    }
    this.carry = Math.max(0, budget - produced)
  }

  private pickTeam(): Team {
    let r = this.rng.next()
    for (const team of this.teams) {
      r -= team.familyShare
      if (r < 0) return team
    }
    return this.teams[this.teams.length - 1]
  }

  /** When a family first came to the service: from 2024 on, more of them lately, as caseloads grow. */
  private createdAt(): number {
    const span = this.options.now.getTime() - 2 * DAY - FIRST_DAY
    const u = this.rng.next()
    return Math.floor(FIRST_DAY + span * (this.rng.chance(0.5) ? u : Math.sqrt(u)))
  }

  private collect(sim: SimulatedCase, ordinal: number, chunk: Chunk): void {
    if (sim.applied.length === 0) return
    chunk.requests.push(requestRow(this.rng, sim, ordinal))
    const allocation = allocationRow(sim)
    if (allocation) chunk.allocations.push(allocation)
    for (const clock of sim.clocks) this.tally[statusOf(clock, this.options.now.getTime())]++
    chunk.clocks.push(...sim.clocks)
    chunk.pauses.push(...sim.pauses)
    chunk.events.push(...sim.events)
  }
}
