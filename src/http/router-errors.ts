import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { sendProblem } from './error-handler.js'
import { PROBLEM_KINDS, type ProblemKind, problemType } from './problems.js'

/**
 * Errors the router finds before any route runs (a path that is not valid percent-encoding, a path
 * segment longer than a parameter may be) are problems like every other error.
 */
export function routerErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendProblem(request, reply, 'uri-too-long', 'A part of the URL is longer than any identifier the API uses')
  } else {
    void sendProblem(request, reply, 'malformed-request', 'The URL is not valid (check its percent-encoding)')
  }
}

/**
 * What Node's HTTP parser refuses before a request exists (headers or URL too large, a request that is not
 * HTTP, one not received in time) is answered with a problem too, then the connection is closed, as Node does.
 */
export function clientErrorProblem(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const kind: ProblemKind =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? 'header-fields-too-large' : 'malformed-request'
  const { status, title } = PROBLEM_KINDS[kind]
  const detail = kind === 'malformed-request' ? 'The request could not be read as HTTP' : title
  const body = JSON.stringify({ type: problemType(kind), title, status, detail })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}
