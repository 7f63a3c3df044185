/** Examples of the API key schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { TEAM } from '../schema/example-ids.js'

export const apiKeyCreate = { name: 'Mosaic nightly sync', role: 'integration', teamId: TEAM }

export const apiKey = {
  id: '0193b1d1-7a00-7000-8000-0000000000a1',
  ...apiKeyCreate,
  prefix: 'fwk_3kq9Zt',
  revokedAt: null,
  createdAt: '2026-12-01T10:15:00.000Z',
  updatedAt: '2026-12-01T10:15:00.000Z',
  version: 1,
}

export const API_KEY_EXAMPLES: Record<string, unknown> = {
  ApiKeyCreate: apiKeyCreate,
  ApiKeyWithSecret: { ...apiKey, key: 'fwk_3kq9Zt7XvR2mQw8LbN4sYc6HjD1eKp5aUo0gFvW3iXy' },
  ApiKeyPage: { items: [apiKey], nextCursor: null },
  ApiKey: apiKey,
}
