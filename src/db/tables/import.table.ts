import type { ColumnType, Selectable } from 'kysely'
import type { Role } from '../../context.js'
import type { Instant, Json } from '../schema.js'

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed'

export interface ImportsTable {
  id: string
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>
  dryRun: boolean
  totalLines: number
  /** The file, kept until the import is completed or failed, then cleared. */
  body: ColumnType<string | null, string, null>
  /** The team the sender's key was limited to (null: every team), which limits who may read the import. */
  teamId: string | null
  actingUser: string | null
  requestId: string
  problem: Json<Record<string, unknown> | null> | null
  startedAt: Date | null
  finishedAt: Date | null
  createdAt: Instant
  updatedAt: Instant
  createdByKeyId: string | null
  createdByRole: Role
}

export interface ImportResultsTable {
  importId: string
  line: number
  outcome: 'created' | 'skipped' | 'failed'
  familyId: string | null
  created: Json<{ families: number; serviceRequests: number; escalations: number }>
  problem: Json<Record<string, unknown> | null> | null
}

export type ImportRow = Selectable<ImportsTable>
