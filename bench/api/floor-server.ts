/**
 * The floor of bench:api: a bare Fastify + pg server, like the baseline, that does only the database work
 * a GET of one family must do, in the fewest statements, and nothing else: no key check, no schemas, no
 * SLA block worked out, no log. Its ratio to the baseline is the best an API reading these rows could
 * reach on this machine.
 *
 *   GET /families/:id               the family, its references and its SLA block's clocks, and the read
 *                                   logged, in one statement (`synchronous_commit = off`, as the API's
 *                                   read log): the audited read
 *   GET /families/:id?audit=later   the same read without the log insert, as if the log were written later
 *                                   in batches
 *
 * The SQL follows the API's own statements (family.repository.ts, the read log) by hand: it has to be
 * kept in step with them.
 * Environment: DATABASE_URL, PORT.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { serveBare } from './serve-bare.js'

const FINAL_STATUSES = ['ended', 'declined', 'returned', 'withdrawn']

const FAMILY = `
  select f.*, (select coalesce(json_agg(r), '[]') from (select system, value from external_refs
      where resource_type = 'family' and resource_id = f.id) r) as external_refs
  from families f where f.id = $1`

const BLOCK_CLOCKS = `
  select c.*, k.version as calendar_version, k.division as calendar_division, k.time_zone as calendar_time_zone
  from sla_clocks c join calendars k on k.id = c.calendar_id
  left join service_requests s on s.id = c.service_request_id and s.family_id = $1
  where c.family_id = $1 and ((c.completed_at is null and c.closed_at is null) or (s.id is not null and s.status <> all($2)))`

const READ = `
  with f as (${FAMILY}), clocks as (select coalesce(json_agg(c), '[]') as clocks from (${BLOCK_CLOCKS}) c)
  select f.*, clocks.clocks from f, clocks`

const AUDITED_READ = `
  with f as (${FAMILY}), clocks as (select coalesce(json_agg(c), '[]') as clocks from (${BLOCK_CLOCKS}) c),
  logged as (insert into audit_reads (family_id, team_id, api_key_id, acting_user, request_id, method, path, read_at)
             select f.id, f.team_id, null, null, $3, 'GET', '/families/:id', now() from f)
  select f.*, clocks.clocks from f, clocks`

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: '-c synchronous_commit=off' })
pool.on('error', () => {})
const app = Fastify({ logger: false })
let requestNumber = 0

app.get<{ Params: { id: string }; Querystring: { audit?: string } }>('/families/:id', async (request, reply) => {
  const { id } = request.params
  const { rows } =
    request.query.audit === 'later'
      ? await pool.query({ name: 'read', text: READ, values: [id, FINAL_STATUSES] })
      : await pool.query({ name: 'audited-read', text: AUDITED_READ, values: [id, FINAL_STATUSES, `floor-${++requestNumber}`] })
  return rows[0] ?? reply.code(404).send({ status: 404 })
})

await serveBare(app, pool)
