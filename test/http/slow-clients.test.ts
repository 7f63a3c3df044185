import net from 'node:net'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'

/** Opens a connection to the app and collects what it answers until the server closes it. */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.on('data', (chunk) => (received += chunk))
  socket.on('error', () => {})
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)))
  const opened = new Promise<void>((resolve) => socket.on('connect', () => resolve()))
  return { socket, closed, opened }
}

t.test('a client that sends its body too slowly is answered 408 and cut off', async (t) => {
  const api = await buildTestApp(t, { env: { REQUEST_TIMEOUT_MS: '1000' } })
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = api.app.server.address() as net.AddressInfo
  const slow = connect(port)
  await slow.opened
  slow.socket.write(
    `POST /families HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.adminKey}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{`,
  )
  // One byte every second, as the slow client did: the request never completes in time.
  const drip = setInterval(() => slow.socket.writable && slow.socket.write(' '), 1000)
  const started = Date.now()
  const answer = await slow.closed
  clearInterval(drip)
  t.match(answer, /^HTTP\/1\.1 408 /, 'a 408')
  t.match(answer, /application\/problem\+json/, 'as a problem')
  t.match(answer, /request-timeout/)
  const heldFor = Date.now() - started
  t.ok(heldFor < 5_000, `cut off after ${heldFor} ms, not held open while bytes keep coming`)
})

t.test('connections past MAX_CONNECTIONS are refused; those admitted are served', async (t) => {
  const api = await buildTestApp(t, { env: { MAX_CONNECTIONS: '2' } })
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = api.app.server.address() as net.AddressInfo
  const held = [connect(port), connect(port)]
  await Promise.all(held.map((c) => c.opened))
  // The server counts a connection once it has accepted it.
  await new Promise((resolve) => setTimeout(resolve, 200))
  const third = connect(port)
  t.equal(await third.closed, '', 'the third connection is closed without an answer')
  held[0].socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  t.match(await held[0].closed, /^HTTP\/1\.1 200 /, 'an admitted connection is served')
  held[1].socket.destroy()
})
