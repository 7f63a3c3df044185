/**
 * The database both servers use: DATABASE_URL, or an embedded cluster of our own; seeded by the
 * project's seeder when it holds no families, with external references added to every family and
 * request. Then an integration key for the load, and the rows the cases read.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { populate } from '../../scripts/seed/populate.js'
import { rememberValidZones } from '../../scripts/seed/scheduler.js'
import { ensureDatabase, startEmbeddedPostgres } from '../../src/db/embedded.js'
import { EMBEDDED_DATABASE } from '../../src/db/embedded-database.js'
import { hashKey, newKeySecret } from '../../src/http/auth.js'
import { FINAL_STATUSES } from '../../src/service-requests/service-request.schemas.js'
import { postmasterPid } from './cpu-time.js'
import type { Options } from './options.js'

export interface BenchDatabase {
  url: string
  /** The embedded cluster's postmaster; null with DATABASE_URL. */
  postmasterPid: number | null
  close: () => Promise<void>
}

/** The rows the cases read and the team they write to. */
export interface Targets {
  familyIds: string[]
  serviceRequestIds: string[]
  teamId: string
}

const TARGETS = 100

export async function openDatabase(options: Options, env: NodeJS.ProcessEnv): Promise<BenchDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, postmasterPid: null, close: async () => {} }
  const keep = options.dataDir !== null
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'bench-api-')))
  // PostgreSQL runs as `postgres` when we are root: it must reach its directory.
  await chmod(dataDir, 0o755).catch(() => undefined)
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: options.pgPort })
  await ensureDatabase(cluster.url('postgres'), EMBEDDED_DATABASE)
  return {
    url: cluster.url(EMBEDDED_DATABASE),
    postmasterPid: postmasterPid(path.join(dataDir, 'pg')),
    close: async () => {
      await cluster.stop()
      if (!keep) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Seeds an empty database with the project's seeder (which also migrates it). */
export async function seedIfEmpty(url: string, families: number): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const exists = await client.query(`SELECT to_regclass('families') IS NOT NULL AS exists`)
    if (exists.rows[0].exists && Number((await client.query('SELECT count(*) AS n FROM families')).rows[0].n) > 0) {
      console.log('The database is already seeded: using it as it is.')
      return
    }
    rememberValidZones()
    const today = new Date()
    await populate(
      {
        families,
        clocksPerFamily: 10,
        teams: 8,
        seed: 1,
        breachActionGrace: 1,
        now: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())),
      },
      url,
    )
    // Case systems' ids: one or two per family, one per request.
    await client.query(`
      INSERT INTO external_refs (resource_type, system, value, resource_id)
      SELECT 'family', 'mosaic', 'M' || substr(reference, 6), id FROM families
      UNION ALL SELECT 'family', 'eclipse', 'E-' || substr(reference, 6), id FROM families WHERE tier >= 3
      UNION ALL SELECT 'service_request', 'mosaic', 'R-' || id, id FROM service_requests
      ON CONFLICT DO NOTHING`)
    await client.query('ANALYZE external_refs')
  } finally {
    await client.end()
  }
}

/** A new integration key (as `POST /api-keys` stores one: only its hash), for every team. */
export async function createIntegrationKey(url: string): Promise<string> {
  const { secret, prefix } = newKeySecret()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`INSERT INTO api_keys (id, name, role, team_id, key_hash, key_prefix) VALUES ($1, 'bench:api load', 'integration', NULL, $2, $3)`, [
      uuidv7(),
      hashKey(secret),
      prefix,
    ])
  } finally {
    await client.end()
  }
  return secret
}

/** Families and requests with open clocks, so their SLA blocks have work in them; a deterministic sample. */
export async function findTargets(url: string): Promise<Targets> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const open = `completed_at IS NULL AND closed_at IS NULL`
    // Open clocks that a family's SLA block shows: those of unfinished requests, and open ones outside requests.
    const families = await client.query<{ id: string }>(
      `
      SELECT id FROM (
        SELECT DISTINCT c.family_id AS id FROM sla_clocks c LEFT JOIN service_requests r ON r.id = c.service_request_id
        WHERE c.completed_at IS NULL AND c.closed_at IS NULL AND (c.service_request_id IS NULL OR r.status <> ALL($1))
      ) AS f ORDER BY md5(id::text) LIMIT ${TARGETS}`,
      [FINAL_STATUSES],
    )
    const requests = await client.query<{ id: string }>(
      `SELECT subject_id AS id FROM sla_clocks WHERE subject_type = 'service_request' AND ${open} ORDER BY md5(subject_id::text) LIMIT ${TARGETS}`,
    )
    const team = await client.query<{ id: string }>('SELECT id FROM teams ORDER BY id LIMIT 1')
    if (families.rows.length === 0 || requests.rows.length === 0 || team.rows.length === 0)
      throw new Error('the database has no open clocks: seed an empty one')
    return {
      familyIds: families.rows.map((r) => r.id),
      serviceRequestIds: requests.rows.map((r) => r.id),
      teamId: team.rows[0].id,
    }
  } finally {
    await client.end()
  }
}
