import type { FastifyInstance } from 'fastify'
import type pg from 'pg'

/** Serves a bare server of the bench on PORT: `/health/ready` asks the database; SIGTERM or SIGINT closes it. */
export async function serveBare(app: FastifyInstance, pool: pg.Pool): Promise<void> {
  app.get('/health/ready', async () => {
    await pool.query('SELECT 1')
    return { status: 'ok' }
  })
  const close = async () => {
    await app.close()
    await pool.end()
    process.exit(0)
  }
  process.on('SIGTERM', () => void close())
  process.on('SIGINT', () => void close())
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
}
