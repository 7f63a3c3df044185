/**
 * The bare baseline of bench:api: Fastify and a pg pool the size of the API's, reading and writing the
 * same rows of the same database the plain way, one query per request, no key check, no schemas:
 *
 *   GET  /families/:id          SELECT * FROM families WHERE id = $1
 *   GET  /service-requests/:id  SELECT * FROM service_requests WHERE id = $1
 *   GET  /families?limit=50     SELECT * FROM families ORDER BY id LIMIT $1
 *   POST /families              INSERT INTO families (...) VALUES (...) RETURNING *
 *   GET  /health/live           no database
 *
 * Environment: DATABASE_URL, PORT.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { serveBare } from './serve-bare.js'

interface FamilyBody {
  teamId: string
  reference: string
  tier: number
  plan: string
  members: unknown[]
  address?: unknown
  leadProfessional?: unknown
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
pool.on('error', () => {})
const app = Fastify({ logger: false })

const one = async (table: 'families' | 'service_requests', id: string) => (await pool.query(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0]

app.get<{ Params: { id: string } }>(
  '/families/:id',
  async (request, reply) => (await one('families', request.params.id)) ?? reply.code(404).send({ status: 404 }),
)

app.get<{ Params: { id: string } }>(
  '/service-requests/:id',
  async (request, reply) => (await one('service_requests', request.params.id)) ?? reply.code(404).send({ status: 404 }),
)

app.get<{ Querystring: { limit?: string } }>('/families', async (request) => {
  const { rows } = await pool.query('SELECT * FROM families ORDER BY id LIMIT $1', [Number(request.query.limit ?? 50)])
  return { items: rows, nextCursor: null }
})

app.post<{ Body: FamilyBody }>('/families', async (request, reply) => {
  const f = request.body
  const { rows } = await pool.query(
    'INSERT INTO families (id, team_id, reference, tier, plan, members, address, lead_professional) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *',
    [
      uuidv7(),
      f.teamId,
      f.reference,
      f.tier,
      f.plan,
      JSON.stringify(f.members),
      f.address ? JSON.stringify(f.address) : null,
      f.leadProfessional ? JSON.stringify(f.leadProfessional) : null,
    ],
  )
  return reply.code(201).send(rows[0])
})

app.get('/health/live', async () => ({ status: 'ok' }))
await serveBare(app, pool)
