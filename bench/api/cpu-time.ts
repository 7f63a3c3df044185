/**
 * CPU time (user + system) of processes, from /proc (Linux; elsewhere nothing is measured): the server
 * under load, and PostgreSQL (the postmaster and every backend it started). Only one side is under
 * load at a time, so PostgreSQL's CPU during a side's runs is what that side cost it.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** CPU ms by pid. */
export type CpuSnapshot = Map<number, number>

let msPerTick: number | null = null
const tickMs = () => (msPerTick ??= 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100))

/** utime + stime, and the parent pid, from /proc/<pid>/stat (the fields after the command name). */
function stat(pid: number): { cpuMs: number; ppid: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * tickMs(), ppid: Number(fields[1]) }
  } catch {
    return null
  }
}

export const canMeasureCpu = () => existsSync('/proc/self/stat')

/** The pid itself and, with `children`, every process whose parent it is. */
export function snapshot(pid: number, children = false): CpuSnapshot {
  const result: CpuSnapshot = new Map()
  const own = stat(pid)
  if (own) result.set(pid, own.cpuMs)
  if (!children) return result
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const s = stat(Number(entry))
    if (s && s.ppid === pid) result.set(Number(entry), s.cpuMs)
  }
  return result
}

/** CPU ms used between two snapshots (a process started in between counts from zero). */
export function used(before: CpuSnapshot, after: CpuSnapshot): number {
  let ms = 0
  for (const [pid, cpuMs] of after) ms += cpuMs - (before.get(pid) ?? 0)
  return ms
}

/** The postmaster's pid: the first line of `postmaster.pid` in the cluster's data directory. */
export function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postmaster.pid')
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null
}
