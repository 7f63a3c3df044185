/** Examples of the steps of an intervention, for the reference page and the SDK (validated against their schemas by a test). */
export const auditCreate = {
  kind: 'first',
  recordedAt: '2027-02-05T14:00:00Z',
  auditor: 'Tom Hughes (practice lead)',
  notes: 'Plan and recordings reviewed with Ana',
  aspects: [
    { aspect: 'voice_of_child', grade: 'good', finding: 'Sam’s words are in the plan and the contact notes' },
    { aspect: 'recording', grade: 'requires_improvement', finding: 'Two contacts written up after 2 working days' },
  ],
  grade: 'good',
  actions: ['Write up contacts within 2 working days'],
}

export const meetingCreate = {
  kind: 'first',
  heldAt: '2027-01-12T11:00:00Z',
  attendees: ['Alex Okafor', 'Ana Morris', 'Jo Patel', 'Ms Green (school)'],
  notes: 'Team Around the Family first meeting; the plan agreed with the family and school',
}

export const INTERVENTION_STEPS_EXAMPLES: Record<string, unknown> = {
  ReviewCreate: {
    heldAt: '2027-04-01T10:00:00Z',
    decision: 'continue',
    notes: 'Attendance 94% this half term; Alex wants to keep the weekly visits until the summer',
  },
  ConsentExtensionCreate: { extendedAt: '2027-04-06T15:00:00Z', until: '2027-07-10', recordedBy: 'Ana Morris' },
  ConsentRenewalCreate: {
    renewedAt: '2027-04-14T10:30:00Z',
    until: '2027-07-10',
    recordedBy: 'Ana Morris',
    notes: 'Alex signed the renewed consent at the home visit',
  },
  AuditCreate: auditCreate,
  FamilyFeedbackCreate: {
    receivedAt: '2027-07-09T15:00:00Z',
    from: 'parent_carer',
    feedback: 'Ana listened and helped us sort the mornings out; Sam is happier going to school',
    howHelpful: 9,
  },
  JointSupervisionCreate: {
    heldAt: '2027-04-08T13:00:00Z',
    attendees: ['Ana Morris', 'Jo Patel', 'Priya Shah'],
    notes: 'Progress against the safety goals reviewed with the lead professional; no new concerns',
  },
  MeetingCreate: meetingCreate,
  FiveMonthCheckCreate: {
    heldAt: '2027-06-11T10:00:00Z',
    checkedBy: 'Priya Shah',
    notes: 'Work remains purposeful; ending planned for July with handover to school',
  },
  InterventionSuspend: { at: '2027-02-22T09:00:00Z', reason: 'Alex in hospital for two weeks; Sam staying with his grandmother' },
  InterventionResume: { at: '2027-03-08T09:00:00Z' },
  DurationExceptionCreate: {
    recordedAt: '2027-07-05T16:00:00Z',
    until: '2027-08-27',
    reason: 'Sam starts secondary school in September; keep the work going to the transition meeting',
    agreedBy: 'Priya Shah',
  },
  InterventionEnd: {
    endedAt: '2027-07-09T15:00:00Z',
    summary: 'Mornings have a routine; Sam is at school on time and eats breakfast at breakfast club',
    childViews: 'Sam says mornings are easier and he likes walking to school with his friends',
    progress: 'Attendance up from 78% to 96%; no lates since Easter',
    onwardSupport: 'School pastoral lead; school nurse for sleep',
    handover: 'Handover meeting with Ms Green held on 7 July',
    finalAudit: { auditor: 'Tom Hughes (practice lead)', notes: 'Outcomes evidenced; ending well planned' },
  },
  BaselineFollowUpCreate: {
    recordedAt: '2028-01-10T10:00:00Z',
    results: [
      { measureId: 'baseline-no-social-care-process', achieved: true },
      { measureId: 'baseline-engagement-sustained', achieved: true, notes: 'Still at breakfast club every day, school reports' },
    ],
  },
}
