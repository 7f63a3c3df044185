import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

/**
 * Where deliveries may go. Only public unicast addresses by default, so a subscription cannot make the
 * API call the cloud metadata service, the database or anything else on the private network (SSRF).
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE_TARGETS) also admits loopback and private ranges, for receivers
 * on the operator's own network; link-local, unspecified, multicast and reserved addresses stay refused.
 */
export interface TargetPolicy {
  allowPrivate: boolean
  /** Ports refused on any address that is not public, even with `allowPrivate`: the database's. */
  protectedPorts: readonly number[]
}

export class TargetRefusedError extends Error {}

/** ipaddr.js range names admitted by `allowPrivate`. */
const PRIVATE_RANGES = new Set(['private', 'loopback', 'uniqueLocal', 'carrierGradeNat'])
const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private (unique local)',
  carrierGradeNat: 'shared (carrier-grade NAT)',
  linkLocal: 'link-local',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
}

/** Names that never reach the public internet: RFC 6761 `localhost`, and the cloud metadata service. */
const LOOPBACK_NAME = /^(.+\.)?localhost$/
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog'])

/** Null when `address` may be called under `policy`, else why not. */
export function addressRefusal(address: string, policy: TargetPolicy): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`
  const range = ipaddr.process(address).range()
  if (range === 'unicast' || (policy.allowPrivate && PRIVATE_RANGES.has(range))) return null
  const name = RANGE_NAMES[range] ?? `reserved (${range})`
  return `${address}, ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} address`
}

const isPublic = (address: string) => ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast'

export interface Target {
  url: URL
  /** The host without IPv6 brackets or a trailing dot. */
  host: string
  port: number
  /** Set when the host is an IP address (the URL parser has already normalised `2130706433`, `127.1`, `0x7f000001`). */
  address: string | null
}

/** The checks that need no DNS: scheme, credentials, literal addresses, reserved names. Throws TargetRefusedError. */
export function checkTargetUrl(raw: string, policy: TargetPolicy): Target {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new TargetRefusedError('is not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefusedError('must be an http or https URL')
  if (url.username || url.password) throw new TargetRefusedError('must not contain credentials (user:password@); authenticate receivers with the signature')
  const host = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase()
  if (!host) throw new TargetRefusedError('has no host')
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const address = isIP(host) ? host : null
  if (address) {
    const refusal = addressRefusal(address, policy)
    if (refusal) throw new TargetRefusedError(`points at ${refusal}`)
    checkPort(address, port, policy)
  } else if (METADATA_NAMES.has(host)) {
    throw new TargetRefusedError(`points at ${host}, the cloud metadata service`)
  } else if (LOOPBACK_NAME.test(host) && !policy.allowPrivate) {
    throw new TargetRefusedError(`points at ${host}, a loopback name`)
  }
  return { url, host, port, address }
}

/** Refuses the protected ports on an address that is not public. */
export function checkPort(address: string, port: number, policy: TargetPolicy): void {
  if (policy.protectedPorts.includes(port) && !isPublic(address)) throw new TargetRefusedError(`points at port ${port} of ${address}, the database's port`)
}

export interface ResolvedAddress {
  address: string
  family: number
}
export type ResolveAll = (host: string) => Promise<ResolvedAddress[]>

/**
 * Every address a host name resolves to must be allowed. A name that does not resolve now is let
 * through: each delivery resolves it again and checks the address it connects to.
 */
export async function checkResolvedTarget(target: Target, policy: TargetPolicy, resolveAll: ResolveAll): Promise<void> {
  if (target.address) return
  let addresses: ResolvedAddress[]
  try {
    addresses = await resolveAll(target.host)
  } catch {
    return
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy)
    if (refusal) throw new TargetRefusedError(`resolves to ${refusal}`)
    checkPort(address, target.port, policy)
  }
}
