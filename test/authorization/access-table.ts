/**
 * Who may call each operation of the API, and what a key limited to a team gets for another team's
 * records: the model of the contract's Access section, one row per operationId of openapi/openapi.json.
 * `test/authorization/authorization.test.ts` calls every operation with every kind of key and checks each
 * answer against this table; `npm run docs:access` renders it into the README.
 */

/** allowed: served (or refused for the state of the record, never for access); forbidden: 403; hidden: 404,
 * or 422 invalid-reference when the body names the record; unauthenticated: 401. */
export type Outcome = 'allowed' | 'forbidden' | 'hidden' | 'unauthenticated'
export const SCOPED_ROLES = ['manager', 'practitioner', 'integration', 'viewer'] as const
export type ScopedRole = (typeof SCOPED_ROLES)[number]
/** A key of the role without a team; limited to the team that owns the record; limited to another team. */
export const SCOPES = ['unscoped', 'own team', 'other team'] as const

export interface AccessRow {
  /** Admin keys are never limited to a team. */
  admin: Outcome
  scoped: Record<ScopedRole, readonly [Outcome, Outcome, Outcome]>
  /** No `Authorization` header. */
  anonymous: Outcome
}

const ALL = ['manager', 'practitioner', 'integration', 'viewer'] as const
const WORKERS = ['manager', 'practitioner'] as const

function row(cell: (role: ScopedRole) => readonly [Outcome, Outcome, Outcome], anonymous: Outcome = 'unauthenticated'): AccessRow {
  return {
    admin: 'allowed',
    scoped: Object.fromEntries(SCOPED_ROLES.map((role) => [role, cell(role)])) as AccessRow['scoped'],
    anonymous,
  }
}
const no = ['forbidden', 'forbidden', 'forbidden'] as const

/** No key needed. */
const open = () => row(() => ['allowed', 'allowed', 'allowed'], 'allowed')
/** Keys, teams, calendars and webhooks: administration. */
const adminOnly = () => row(() => no)
/** Not a team's record (reference data, or a list filtered to the key's team): the same for every scope. */
const shared = (roles: readonly ScopedRole[]) => row((role) => (roles.includes(role) ? ['allowed', 'allowed', 'allowed'] : no))
/** One team's record, or a change naming one: another team's key gets a 404 (or a 422 naming the field). */
const teamRecord = (roles: readonly ScopedRole[]) => row((role) => (roles.includes(role) ? ['allowed', 'allowed', 'hidden'] : no))

export const ACCESS: Record<string, AccessRow> = {
  getLiveness: open(),
  getReadiness: open(),
  getMetrics: shared(['viewer']),
  createApiKey: adminOnly(),
  listApiKeys: adminOnly(),
  getApiKey: adminOnly(),
  revokeApiKey: adminOnly(),
  listCalendars: shared(ALL),
  createCalendar: adminOnly(),
  getCalendar: shared(ALL),
  addCalendarClosure: adminOnly(),
  removeCalendarClosure: adminOnly(),
  importBankHolidays: adminOnly(),
  listCalendarHolidays: shared(ALL),
  getWorkingDays: shared(ALL),
  explainWorkingDays: shared(ALL),
  listServiceStandards: shared(ALL),
  getServiceStandards: shared(ALL),
  createTeam: adminOnly(),
  listTeams: shared(ALL),
  getTeam: teamRecord(ALL),
  updateTeam: adminOnly(),
  createPractitioner: teamRecord(['manager']),
  listPractitioners: shared(ALL),
  getPractitioner: teamRecord(ALL),
  updatePractitioner: teamRecord(['manager']),
  recordSupervision: teamRecord(WORKERS),
  getPractitionerSupervision: teamRecord(ALL),
  createFamily: teamRecord(['manager', 'integration']),
  listFamilies: shared(ALL),
  getFamily: teamRecord(ALL),
  updateFamily: teamRecord(['manager', 'integration']),
  createServiceRequest: teamRecord(['manager', 'integration']),
  listServiceRequests: shared(ALL),
  getServiceRequest: teamRecord(ALL),
  updateServiceRequest: teamRecord(['manager', 'integration']),
  decideServiceRequest: teamRecord(['manager']),
  withdrawServiceRequest: teamRecord(['manager', 'integration']),
  createAllocation: teamRecord(['manager']),
  listAllocations: shared(ALL),
  getAllocation: teamRecord(ALL),
  recordCaseDiscussion: teamRecord(WORKERS),
  recordJointVisit: teamRecord(WORKERS),
  recordInitialVisit: teamRecord(WORKERS),
  signOffPlan: teamRecord(['manager']),
  endAllocation: teamRecord(['manager']),
  createConsultation: teamRecord(WORKERS),
  listConsultations: shared(ALL),
  getConsultation: teamRecord(ALL),
  recordConsultation: teamRecord(WORKERS),
  recordSupervisorDiscussion: teamRecord(WORKERS),
  listConsents: shared(ALL),
  recordConsent: teamRecord(WORKERS),
  getConsent: teamRecord(ALL),
  createPlan: teamRecord(WORKERS),
  listPlans: shared(ALL),
  getPlan: teamRecord(ALL),
  listPlanVersions: teamRecord(ALL),
  getPlanVersion: teamRecord(ALL),
  createPanel: teamRecord(['manager']),
  listPanels: shared(ALL),
  getPanel: teamRecord(ALL),
  startAssessment: teamRecord(WORKERS),
  listAssessments: shared(ALL),
  getAssessment: teamRecord(ALL),
  completeAssessment: teamRecord(WORKERS),
  reviewPlan: teamRecord(WORKERS),
  completePlanAction: teamRecord(WORKERS),
  signOffFamilyPlan: teamRecord(WORKERS),
  getFamilyTimeline: teamRecord(ALL),
  listSlaClocks: shared(ALL),
  getSlaClock: teamRecord(ALL),
  recordLateReason: teamRecord(WORKERS),
  listBreaches: shared(ALL),
  summariseBreaches: shared(ALL),
  exportBreachesCsv: shared(ALL),
  createIntervention: teamRecord(WORKERS),
  listInterventions: shared(ALL),
  getIntervention: teamRecord(ALL),
  recordInterventionReview: teamRecord(WORKERS),
  extendInterventionConsent: teamRecord(['manager']),
  renewInterventionConsent: teamRecord(['manager']),
  recordInterventionAudit: teamRecord(WORKERS),
  recordFamilyFeedback: teamRecord(WORKERS),
  recordJointSupervision: teamRecord(WORKERS),
  recordInterventionMeeting: teamRecord(WORKERS),
  recordFiveMonthCheck: teamRecord(['manager']),
  suspendIntervention: teamRecord(['manager']),
  resumeIntervention: teamRecord(['manager']),
  recordDurationException: teamRecord(['manager']),
  endIntervention: teamRecord(WORKERS),
  recordBaselineFollowUp: teamRecord(WORKERS),
  selectOutcomeMeasures: teamRecord(WORKERS),
  createContact: teamRecord(WORKERS),
  listContacts: teamRecord(ALL),
  getContact: teamRecord(ALL),
  writeUpContact: teamRecord(WORKERS),
  correctContact: teamRecord(WORKERS),
  listContactCorrections: teamRecord(ALL),
  recordOutcomeScore: teamRecord(WORKERS),
  listOutcomeScores: teamRecord(ALL),
  correctOutcomeScore: teamRecord(WORKERS),
  listOutcomeScoreCorrections: teamRecord(ALL),
  listOutcomeMeasures: shared(ALL),
  getOutcomeMeasure: shared(ALL),
  getOutcomeReport: shared(ALL),
  getBreachTrend: shared(ALL),
  importCases: adminOnly(),
  listImports: adminOnly(),
  getImport: adminOnly(),
  getCaseload: teamRecord(ALL),
  createEscalation: teamRecord(WORKERS),
  listEscalations: shared(ALL),
  getEscalation: teamRecord(ALL),
  stepUpDisagreement: teamRecord(WORKERS),
  resolveEscalation: teamRecord(['manager']),
  recordFinalDecision: teamRecord(['manager']),
  withdrawEscalation: teamRecord(WORKERS),
  recordStepUpOutcome: teamRecord(['manager', 'integration']),
  recordConcernRaisedWithManager: teamRecord(WORKERS),
  recordHubContact: teamRecord(WORKERS),
  recordWrittenFollowUp: teamRecord(WORKERS),
  recordHubFeedback: teamRecord(WORKERS),
  listEvents: shared(ALL),
  createWebhook: adminOnly(),
  listWebhooks: adminOnly(),
  getWebhook: adminOnly(),
  updateWebhook: adminOnly(),
  deleteWebhook: adminOnly(),
  rotateWebhookSecret: adminOnly(),
  testWebhook: adminOnly(),
  replayWebhook: adminOnly(),
  listWebhookDeliveries: adminOnly(),
  listAuditEvents: shared(['manager']),
}
