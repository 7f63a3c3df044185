/** What a clock hangs on (service-standards.md, "A standard"). */
export const SUBJECT_TYPES = [
  'service_request',
  'allocation',
  'consultation',
  'intervention',
  'contact',
  'escalation',
  'plan',
  'plan_action',
  'practitioner',
  'assessment',
] as const
export type SubjectType = (typeof SUBJECT_TYPES)[number]

/**
 * Each subject's parent: an allocation belongs to a request, an intervention to an allocation, a contact
 * to an intervention, a consultation to the request it came through (000 §8, §9), a plan to its request,
 * a plan's action to the plan, and an assessment to the allocation it is made under; a practitioner (their
 * supervision, 000 §11) has none. Events carry their subject's ancestors as `parentSubjects`, so a
 * standard can hang on any of them.
 */
export const SUBJECT_PARENT: Readonly<Record<SubjectType, SubjectType | null>> = {
  service_request: null,
  allocation: 'service_request',
  consultation: 'service_request',
  intervention: 'allocation',
  contact: 'intervention',
  escalation: null,
  plan: 'service_request',
  plan_action: 'plan',
  practitioner: null,
  assessment: 'allocation',
}

/** The subject's ancestors, nearest first (contact → intervention, allocation, service_request). */
export function ancestorsOf(subject: SubjectType): SubjectType[] {
  const result: SubjectType[] = []
  for (let parent = SUBJECT_PARENT[subject]; parent !== null; parent = SUBJECT_PARENT[parent]) result.push(parent)
  return result
}

export const isSubjectType = (value: string): value is SubjectType => (SUBJECT_TYPES as readonly string[]).includes(value)
