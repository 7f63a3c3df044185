/** Examples of the health schemas, for the reference page and the SDK (validated against their schemas by a test). */
export const HEALTH_EXAMPLES: Record<string, unknown> = { HealthStatus: { status: 'ok' } }
