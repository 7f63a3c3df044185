import type { ColumnType, Generated } from 'kysely'

export interface AuditReadsTable {
  id: Generated<number>
  familyId: string
  teamId: string | null
  apiKeyId: string | null
  actingUser: string | null
  requestId: string | null
  method: string
  path: string
  readAt: ColumnType<Date, Date | string | undefined, never>
}
