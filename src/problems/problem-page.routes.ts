import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { notFound, PROBLEM_KINDS, type ProblemKind } from '../http/problems.js'
import { problemIndex, problemPage } from './problem-page.js'

const isKind = (kind: string): kind is ProblemKind => Object.hasOwn(PROBLEM_KINDS, kind)

/** Each problem `type` URL resolves to a short public page for people; not part of the JSON contract. */
export const problemPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const html = 'text/html; charset=utf-8'
  app.get('/problems', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.type(html).send(problemIndex()))
  app.get(
    '/problems/:kind',
    { config: { access: 'public' }, schema: { hide: true, params: Type.Object({ kind: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const { kind } = request.params
      if (!isKind(kind)) throw notFound(`Problem type ${kind}`)
      return reply.type(html).send(problemPage(kind))
    },
  )
}
