import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Signing secrets at rest: AES-256-GCM under the configured key (WEBHOOK_SECRET_KEY), bound to the
 * subscription's id (additional data), so a sealed secret neither reads nor moves without the key.
 * Sealed form: `v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url), the key id being the first 8 hex
 * digits of the key's SHA-256, so a wrong key is named as such rather than failing as corrupt data.
 */
export class SecretKeyMismatchError extends Error {}

export const secretKeyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8)

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return ['v1', secretKeyId(key), iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(':')
}

export function openSecret(key: Buffer, sealed: string, context: string): string {
  const [version, keyId, iv, ciphertext, tag] = sealed.split(':')
  if (version !== 'v1' || !tag) throw new SecretKeyMismatchError('the sealed secret is not in a known form')
  if (keyId !== secretKeyId(key))
    throw new SecretKeyMismatchError(`the secret was sealed with another key (id ${keyId}), not the configured WEBHOOK_SECRET_KEY (id ${secretKeyId(key)})`)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(context))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new SecretKeyMismatchError('the sealed secret does not authenticate under the configured key')
  }
}
