import { randomBytes } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'

/** WEBHOOK_SECRET_KEY as bytes: 64 hex digits or base64 of 32 bytes (the config schema checks the form). */
export const parseSecretKey = (value: string): Buffer => Buffer.from(value, /^[0-9a-fA-F]{64}$/.test(value) ? 'hex' : 'base64')

/** Where the embedded default keeps a generated key: in the data directory, beside the database's credentials. */
export const generatedKeyFile = (config: Config) => path.join(config.DATA_DIR, 'webhook-secret.key')

/**
 * The key that seals webhook signing secrets. Configured, it is used as given. In the embedded default
 * (no DATABASE_URL) one is generated on the first start and kept in the data directory, like the
 * database itself; `generated` says so once. With DATABASE_URL and no key there is none: webhooks
 * cannot be created and deliveries wait until one is set.
 */
export async function resolveWebhookSecretKey(config: Config): Promise<{ key: Buffer | null; generated: string | null }> {
  if (config.WEBHOOK_SECRET_KEY) return { key: parseSecretKey(config.WEBHOOK_SECRET_KEY), generated: null }
  if (config.DATABASE_URL) return { key: null, generated: null }
  const file = generatedKeyFile(config)
  if (existsSync(file)) return { key: parseSecretKey((await fs.readFile(file, 'utf8')).trim()), generated: null }
  const key = randomBytes(32)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  return { key, generated: file }
}
