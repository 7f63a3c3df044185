import net from 'node:net'
import t from 'tap'
import { request } from 'undici'
import { buildTestApp } from '../helpers/app.js'

/** Sends `head` then `body` over a real socket, as fast as it drains or in slow pieces; the answer's status line, or the socket error. */
function send(port: number, head: string, body: Buffer, how: { chunked?: boolean; pauseMs?: number } = {}): Promise<{ error?: string; response: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let response = ''
    socket.on('data', (d) => {
      response += d.toString('latin1')
    })
    socket.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code, response }))
    socket.on('close', () => resolve({ response }))
    socket.on('connect', async () => {
      socket.write(head)
      const piece = 64 * 1024
      for (let i = 0; i < body.length && !socket.destroyed; i += piece) {
        const part = body.subarray(i, i + piece)
        const framed = how.chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part
        const flushed = socket.write(framed)
        if (how.pauseMs) await new Promise((r) => setTimeout(r, how.pauseMs))
        else if (!flushed) await new Promise((r) => socket.once('drain', r))
      }
      if (how.chunked && !socket.destroyed) socket.write('0\r\n\r\n')
      if (!socket.destroyed) socket.end()
    })
  })
}

t.test('a body over the limit gets a 413 problem, never a connection reset, however it is sent', async (t) => {
  const api = await buildTestApp(t)
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = api.app.server.address() as net.AddressInfo
  const big = Buffer.alloc(6 * 1024 * 1024, 'a')
  const headers = (extra: string, key: string | null = api.adminKey) =>
    `POST /families HTTP/1.1\r\nHost: localhost\r\n${key ? `Authorization: Bearer ${key}\r\n` : ''}Content-Type: application/json\r\n${extra}\r\n`
  const ways = [
    { name: 'Content-Length declared', head: headers(`Content-Length: ${big.length}\r\n`), body: big },
    { name: 'chunked', head: headers('Transfer-Encoding: chunked\r\n'), body: big, how: { chunked: true } },
    { name: 'slowly, with Content-Length', head: headers(`Content-Length: ${1536 * 1024}\r\n`), body: big.subarray(0, 1536 * 1024), how: { pauseMs: 15 } },
    { name: 'slowly, chunked', head: headers('Transfer-Encoding: chunked\r\n'), body: big.subarray(0, 1536 * 1024), how: { chunked: true, pauseMs: 15 } },
    { name: 'without a key (401 from the headers alone)', head: headers(`Content-Length: ${big.length}\r\n`, null), body: big, status: 401 },
  ]
  for (const way of ways) {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { error, response } = await send(port, way.head, way.body, way.how)
      const status = way.status ?? 413
      t.equal(error, undefined, `${way.name} (${attempt}): no socket error`)
      t.match(response, new RegExp(`^HTTP/1.1 ${status} `), `${way.name} (${attempt}): ${status}`)
      t.match(response, /content-type: application\/problem\+json/i, `${way.name} (${attempt}): a problem`)
    }
  }

  // A common client, which reports a reset as an error rather than the answer.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const res = await request(`http://127.0.0.1:${port}/families`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body: big,
    })
    t.equal(res.statusCode, 413, `undici (${attempt})`)
    t.match(await res.body.json(), { type: '/problems/payload-too-large', status: 413 })
  }
})
