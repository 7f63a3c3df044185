import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface ApiProcess {
  child: ChildProcess
  /** Stops the API (SIGTERM, SIGKILL after 30 s) and removes the data directory it was given, if any. */
  stop: () => Promise<void>
}

/**
 * Starts `src/server.ts` as `npm start` does, on the environment's DATABASE_URL or DATA_DIR, else on an
 * embedded cluster in a temporary directory of its own, and waits until `/health/ready` answers.
 */
export async function startApi(o: { port: number; adminKey: string; env?: NodeJS.ProcessEnv; dataDirPrefix: string }): Promise<ApiProcess> {
  const env: NodeJS.ProcessEnv = {
    // Benches offer more than the default per-key limit on purpose.
    RATE_LIMIT_PER_MINUTE: '0',
    ...process.env,
    PORT: String(o.port),
    ADMIN_API_KEY: o.adminKey,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...o.env,
  }
  let ownDataDir: string | null = null
  if (!env.DATABASE_URL && !env.DATA_DIR) {
    ownDataDir = mkdtempSync(path.join(os.tmpdir(), o.dataDirPrefix))
    chmodSync(ownDataDir, 0o755) // PostgreSQL runs as `postgres` when we are root
    env.DATA_DIR = ownDataDir
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const stop = async () => {
    await stopChild(child)
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true })
  }
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) break
    const ready = await fetch(`http://127.0.0.1:${o.port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) return { child, stop }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  await stop()
  throw new Error(`the API did not start:\n${output}`)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
