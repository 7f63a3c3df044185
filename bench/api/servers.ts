/**
 * The two servers under test, each a child process: the API as `npm start` runs it (`src/server.ts`,
 * which builds it with `buildApp`, starts its job queue and listens), and the bare baseline. Their
 * output goes to a log file, as a production process's would go to its collector.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import path from 'node:path'

const READY_TIMEOUT_MS = 120_000

export interface Server {
  name: string
  url: string
  pid: number
  /** SIGTERM, then SIGKILL after 30 s; resolves when the process has exited. */
  stop: () => Promise<void>
}

export interface ServerSpec {
  name: string
  /** Where the script is run from. */
  cwd: string
  /** The script and the node flags before it. */
  nodeArgs: string[]
  port: number
  env: NodeJS.ProcessEnv
  logFile: string
}

export const apiSpec = (options: { dir: string; port: number; databaseUrl: string; logLevel: string; logDir: string; cpuProfileDir?: string }): ServerSpec => ({
  name: `API :${options.port}`,
  cwd: options.dir,
  nodeArgs: [...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), '--import', 'tsx', 'src/server.ts'],
  port: options.port,
  env: { DATABASE_URL: options.databaseUrl, LOG_LEVEL: options.logLevel, ADMIN_API_KEY: undefined, NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0' },
  logFile: path.join(options.logDir, `api-${options.port}.log`),
})

/** A bare server of the bench (`bench/api/<kind>-server.ts`: the baseline, or the floor) on the database. */
const bareServerSpec = (kind: 'baseline' | 'floor', name: string, options: { port: number; databaseUrl: string; logDir: string }): ServerSpec => ({
  name: `${name} :${options.port}`,
  cwd: process.cwd(),
  nodeArgs: ['--import', 'tsx', `bench/api/${kind}-server.ts`],
  port: options.port,
  env: { DATABASE_URL: options.databaseUrl },
  logFile: path.join(options.logDir, `${name}-${options.port}.log`),
})

export const baselineSpec = (options: { port: number; databaseUrl: string; logDir: string }) => bareServerSpec('baseline', 'bare', options)
export const floorSpec = (options: { port: number; databaseUrl: string; logDir: string }) => bareServerSpec('floor', 'floor', options)

/** Whether something already answers on the port: a server left over from another run would be measured in place of ours. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) })
    return true
  } catch {
    return false
  }
}

export async function startServer(spec: ServerSpec): Promise<Server> {
  if (await answers(`http://127.0.0.1:${spec.port}`)) throw new Error(`${spec.name}: port ${spec.port} is already in use (a server left from another run?)`)
  const log = openSync(spec.logFile, 'a')
  const env = Object.fromEntries(Object.entries({ ...process.env, ...spec.env, PORT: String(spec.port), HOST: '127.0.0.1' }).filter(([, v]) => v !== undefined))
  const child = spawn(process.execPath, spec.nodeArgs, {
    env,
    cwd: spec.cwd,
    stdio: ['ignore', log, log],
  })
  const url = `http://127.0.0.1:${spec.port}`
  try {
    await waitUntilReady(url, child)
  } catch (error) {
    await stopChild(child)
    const tail = readFileSync(spec.logFile, 'utf8').slice(-4000)
    throw new Error(`${spec.name}: ${(error as Error).message}\n--- ${spec.logFile} (end) ---\n${tail}`)
  }
  return { name: spec.name, url, pid: child.pid!, stop: () => stopChild(child) }
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with status ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s`)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
