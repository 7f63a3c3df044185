import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { READ_ROLES } from '../http/auth.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref, Strict, StringEnum } from '../schema/helpers.js'
import { PRESET_IDS, presets, StandardsPresetSchema } from '../sla/index.js'
import { StandardsPresetListSchema } from './service-standard.schemas.js'

export const serviceStandardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['Service standards']

  app.get(
    '/service-standards',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listServiceStandards',
        summary: 'List the standards presets',
        description:
          'Each preset is one service’s timescales as data (trt, targeted-help, level-3, early-help): the standards a team’s work is clocked against. ' +
          'A clock keeps the title and target it started under.',
        response: { 200: ref(StandardsPresetListSchema), ...errors(...READ_ERRORS) },
      },
    },
    async () => ({ items: PRESET_IDS.map((id) => presets()[id]), nextCursor: null }),
  )

  app.get(
    '/service-standards/:presetId',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getServiceStandards',
        summary: 'Read a standards preset',
        description: 'One preset with every standard: what starts, stops and cancels each clock, its target, and what happens on breach.',
        params: Strict({ presetId: StringEnum(PRESET_IDS) }),
        response: { 200: ref(StandardsPresetSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const preset = presets()[request.params.presetId]
      if (!preset) throw notFound(`Preset ${request.params.presetId}`)
      return preset
    },
  )
}
