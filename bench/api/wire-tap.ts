/**
 * A TCP proxy in front of PostgreSQL that records every statement its clients send, without changing a
 * byte: the SQL (from Parse or Query messages), the parameters (Bind), which client sent it
 * (`application_name` of the startup message) and how long the server took to answer it (from Sync or
 * Query to ReadyForQuery). One recorded statement is one round trip.
 */
import net from 'node:net'

export interface Statement {
  sql: string
  params: (string | null)[]
  applicationName: string
  /** performance.now() when the client finished sending it. */
  sentAt: number
  /** From sending to the server's ReadyForQuery, in ms; NaN until answered. */
  ms: number
}

const SSL_REQUEST = 80877103
const GSS_REQUEST = 80877104

/** Splits a byte stream into whole messages; `typed`: each starts with a type byte (all but the first client message). */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0)
  constructor(private typed: boolean) {}

  *messages(chunk: Buffer): Generator<{ type: string; body: Buffer }> {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    for (;;) {
      const head = this.typed ? 1 : 0
      if (this.buffer.length < head + 4) return
      const length = this.buffer.readInt32BE(head)
      if (this.buffer.length < head + length) return
      const type = this.typed ? String.fromCharCode(this.buffer[0]) : ''
      const body = this.buffer.subarray(head + 4, head + length)
      this.buffer = this.buffer.subarray(head + length)
      this.typed = true
      yield { type, body }
    }
  }
}

const cString = (b: Buffer, at: number): [string, number] => {
  const end = b.indexOf(0, at)
  return [b.toString('utf8', at, end), end + 1]
}

function bindParams(body: Buffer): { statement: string; params: (string | null)[] } {
  let at = cString(body, 0)[1]
  const [statement, afterName] = cString(body, at)
  at = afterName
  const formats = Array.from({ length: body.readInt16BE(at) }, (_, i) => body.readInt16BE(at + 2 + i * 2))
  at += 2 + formats.length * 2
  const count = body.readInt16BE(at)
  at += 2
  const params: (string | null)[] = []
  for (let i = 0; i < count; i++) {
    const length = body.readInt32BE(at)
    at += 4
    const binary = (formats.length === 1 ? formats[0] : (formats[i] ?? 0)) === 1
    params.push(length < 0 ? null : binary ? `<${length} binary bytes>` : body.toString('utf8', at, at + length))
    if (length > 0) at += length
  }
  return { statement, params }
}

export class WireTap {
  readonly statements: Statement[] = []
  private server: net.Server | null = null
  port = 0

  constructor(private target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => this.connect(client))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as net.AddressInfo).port
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  private connect(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host)
    // Without these, Nagle's algorithm holds back the last part of a large result and adds tens of ms to a request.
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    const fromClient = new MessageReader(false)
    const fromServer = new MessageReader(true)
    const named = new Map<string, string>()
    const waiting: Statement[] = []
    let applicationName = ''
    let lastSql = ''
    let lastParams: (string | null)[] = []
    let ready = false
    let passThrough = false

    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk)
      if (passThrough) return
      for (const { type, body } of fromClient.messages(chunk)) {
        if (type === '') {
          const code = body.readInt32BE(0)
          if (code === SSL_REQUEST || code === GSS_REQUEST) passThrough = true // encrypted from here on: not read
          for (let at = 4; at < body.length - 1; ) {
            const [key, afterKey] = cString(body, at)
            const [value, afterValue] = cString(body, afterKey)
            if (key === 'application_name') applicationName = value
            at = afterValue
          }
        } else if (type === 'P') {
          const [name, afterName] = cString(body, 0)
          lastSql = cString(body, afterName)[0]
          if (name) named.set(name, lastSql)
        } else if (type === 'B') {
          const { statement, params } = bindParams(body)
          if (statement) lastSql = named.get(statement) ?? lastSql
          lastParams = params
        } else if (type === 'S' || type === 'Q') {
          const statement = {
            sql: type === 'Q' ? cString(body, 0)[0] : lastSql,
            params: type === 'Q' ? [] : lastParams,
            applicationName,
            sentAt: performance.now(),
            ms: Number.NaN,
          }
          waiting.push(statement)
          this.statements.push(statement)
        }
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk)
      if (passThrough) return
      for (const { type } of fromServer.messages(chunk)) {
        if (type !== 'Z') continue
        if (!ready) {
          ready = true // the end of the startup, not an answer
          continue
        }
        const answered = waiting.shift()
        if (answered) answered.ms = performance.now() - answered.sentAt
      }
    })
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  }
}
