import type { Db } from '../db/database.js'
import { findFamilyReferences } from '../families/family.service.js'
import { findPractitionerNames } from '../practitioners/practitioner.service.js'
import { findTeamNames } from '../teams/team.service.js'
import type { CsvColumn } from './csv.js'

/** The breach list's CSV columns: the references and names a reader looks for beside each id. */
export const BREACH_CSV_COLUMNS: readonly CsvColumn[] = [
  { key: 'id', header: 'Clock ID' },
  { key: 'standard', header: 'Standard' },
  { key: 'title', header: 'Description' },
  { key: 'status', header: 'Status' },
  { key: 'dueDate', header: 'Due date' },
  { key: 'dueAt', header: 'Due at (UTC)' },
  { key: 'startedAt', header: 'Started at (UTC)' },
  { key: 'completedAt', header: 'Completed at (UTC)' },
  { key: 'closedAt', header: 'Closed at (UTC)' },
  { key: 'workingDaysElapsed', header: 'Working days elapsed' },
  { key: 'workingDaysRemaining', header: 'Working days remaining' },
  { key: 'calendar', header: 'Calendar' },
  { key: 'familyReference', header: 'Family reference' },
  { key: 'familyId', header: 'Family ID' },
  { key: 'teamName', header: 'Team' },
  { key: 'teamId', header: 'Team ID' },
  { key: 'practitionerName', header: 'Practitioner' },
  { key: 'practitionerId', header: 'Practitioner ID' },
  { key: 'subjectType', header: 'Subject type' },
  { key: 'subjectId', header: 'Subject ID' },
  { key: 'serviceRequestId', header: 'Service request ID' },
  { key: 'lateReason', header: 'Late reason' },
]

interface BreachItem {
  familyId: string | null
  teamId: string
  practitionerId: string | null
}

const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))]

/** A page of breaches with each family's reference and each team's and practitioner's name, three queries for the page. */
export async function withNames<T extends BreachItem>(db: Db, items: readonly T[]) {
  const [families, teams, practitioners] = await Promise.all([
    findFamilyReferences(db, distinct(items.map((i) => i.familyId))),
    findTeamNames(db, distinct(items.map((i) => i.teamId))),
    findPractitionerNames(db, distinct(items.map((i) => i.practitionerId))),
  ])
  return items.map((item) => ({
    ...item,
    familyReference: item.familyId ? (families.get(item.familyId) ?? null) : null,
    teamName: teams.get(item.teamId) ?? null,
    practitionerName: item.practitionerId ? (practitioners.get(item.practitionerId) ?? null) : null,
  }))
}
