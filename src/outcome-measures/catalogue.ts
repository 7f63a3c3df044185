/**
 * The outcome measures of document 000, Appendix 2 ("Outcomes Framework"), as data. Ids are stable: a
 * measure, once published, keeps its id and meaning; new measures get new ids.
 *
 * - `baseline`: collected for each referred child and family and checked at the follow-up 6 months after
 *   the intervention ends (achieved or not, not scored);
 * - `baseline_specialist`: the same, selected depending on a specialist's intervention;
 * - `family`: scored 1–10 at start, review and end, from the perspectives of the social worker, the TRT
 *   practitioner, the child(ren) and the parent/carer (those four are perspectives, not measures);
 *   Three of them are the specialist's assessment at the end of the work ("at end of intervention", "after
 *   working with DV practitioner", the SafeLives DASH reassessment): those are scored 1–10 at the end only;
 * - the specialist sets, used in addition when a specialist works with the family. The appendix leaves
 *   the last two sets untitled; from their content and the team's specialisms (000 §3) they are child
 *   sexual exploitation and child and adolescent emotional (mental) health.
 */
export const MEASURE_CATEGORIES = [
  'baseline',
  'baseline_specialist',
  'family',
  'substance_misuse',
  'domestic_abuse',
  'sexual_exploitation',
  'emotional_health',
] as const
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number]

export const PHASES = ['start', 'review', 'end'] as const
export type Phase = (typeof PHASES)[number]

export interface OutcomeMeasure {
  id: string
  category: MeasureCategory
  title: string
  /** Scored 1–10 by phase and perspective; baseline measures are instead recorded at follow-up. */
  scored: boolean
  /** The phases it is scored at: all three, the end only (a specialist's end-of-work assessment), or none. */
  phases: readonly Phase[]
}

const baseline = (id: string, title: string): OutcomeMeasure => ({ id, category: 'baseline', title, scored: false, phases: [] })
const specialistBaseline = (id: string, title: string): OutcomeMeasure => ({ id, category: 'baseline_specialist', title, scored: false, phases: [] })
/** A specialist's measure assessed when their work ends (Appendix 2): scored at the end only. */
const specialistAtEnd = (id: string, title: string): OutcomeMeasure => ({ id, category: 'baseline_specialist', title, scored: true, phases: ['end'] })
const scored =
  (category: MeasureCategory) =>
  (id: string, title: string): OutcomeMeasure => ({ id, category, title, scored: true, phases: PHASES })
const family = scored('family')
const substance = scored('substance_misuse')
const domestic = scored('domestic_abuse')
const cse = scored('sexual_exploitation')
const emotional = scored('emotional_health')

export const OUTCOME_MEASURES: readonly OutcomeMeasure[] = [
  baseline(
    'baseline-no-social-care-process',
    'The child is no longer subject to CIN or any other social care process after 6 months and there has been no further referral',
  ),
  baseline('baseline-cin-stepped-down-to-early-help', 'The child is no longer subject to CIN and has stepped down to Early Help after 6 months'),
  baseline('baseline-cp-stepped-down-to-cin', 'The child is no longer subject to CP 6 months after TRT intervention and has stepped down to CIN'),
  baseline('baseline-no-longer-looked-after', 'The child is no longer Looked After 6 months after TRT intervention'),
  baseline('baseline-engagement-sustained', 'Engagement with support activities sustained for 6 months (or as required dependant on the intervention)'),

  specialistAtEnd(
    'specialist-reduced-substance-use',
    'Adult / young person has reduced use of drugs or alcohol following TRT specialist’s assessment at end of intervention',
  ),
  specialistAtEnd('specialist-dash-risk-reduced', 'There has been a reduction in risk according to the SafeLives DASH risk assessment tool'),
  specialistAtEnd('specialist-parent-feels-safer', 'The parent reports feeling safer after working with DV practitioner'),
  specialistBaseline('specialist-improved-safety', 'Improved Safety'),
  specialistBaseline('specialist-improved-intimate-relationships', 'Improved Intimate Relationships'),
  specialistBaseline('specialist-increased-resilience', 'Increased Resilience'),
  specialistBaseline('specialist-reduced-risk-indicators', 'Reduction in Risk Indicators'),
  specialistBaseline('specialist-reduced-offending', 'Reduction in Offending Behaviour'),
  specialistBaseline('specialist-reduced-gang-involvement', 'Reduction in Involvement or Association with Gangs'),

  family('family-physical-care', 'Physical care within the family promotes the child / young person’s welfare'),
  family('family-housing', 'The family’s housing is sufficient'),
  family('family-physical-health', 'Child(ren)’s / young person’s physical health care is promoted within the family'),
  family('family-supervision', 'Supervision within the family is sufficient to promote the child / children’s welfare'),
  family('family-child-confident', 'Child(ren) / young person report that they feel confident'),
  family(
    'family-warmth-and-care',
    'Parents / carers’ attitude to child / young person demonstrates sufficient warmth and care to promote the child / young person’s welfare',
  ),
  family('family-stimulation', 'Child(ren) / young person receive age / stage appropriate stimulation to promote their welfare'),
  family('family-relationships-positive', 'Child(ren) / young person feels family relationships are positive'),
  family('family-parent-support-network', 'Parents / carers are positive about their support network'),
  family('family-child-support-network', 'Child(ren) / young person are positive about their support network'),
  family('family-child-manages-behaviour', 'Child(ren) / young person report that they can manage their behaviour well enough to keep themselves safe'),
  family(
    'family-parent-manages-behaviour',
    'Parents and carers report that they can manage their child / young person’s behaviour well enough to keep themselves safe',
  ),
  family(
    'family-school-supported',
    'Child(ren) / young person are not at risk of exclusion and parents feel their child(ren) / young person are sufficiently supported in school so that they can achieve',
  ),
  family('family-parent-child-enjoys-school', 'Parents / carers feel their children enjoy school'),
  family('family-child-enjoys-school', 'Child(ren) and young people feel they enjoy school'),
  family('family-aware-of-services', 'Parents / carers and children / young people report they are aware of, and know how to access services'),
  family('family-confident-with-agencies', 'Parents / carers and children / young people report they are confident to work with agencies supporting them'),

  substance(
    'substance-recognises-impact',
    'Parent / carer or young person recognises the impact of their use of drugs and / or alcohol on their family / household',
  ),
  substance('substance-aware-of-services', 'Parent / carer or young person report they are more aware of and feel confident to access services in future'),
  substance('substance-confident-with-agencies', 'Parent / carer or young person report they are confident to work with agencies supporting them'),

  domestic('domestic-recognises-impact', 'Parent / carer or young person recognises the impact of domestic abuse on their family / household'),
  domestic('domestic-feels-safer', 'Parent / carer or young person report feeling safer as a result of DV intervention'),
  domestic('domestic-aware-of-services', 'Parent / carer or young person report they are aware of, and feel confident to access services in future'),
  domestic('domestic-confident-with-agencies', 'Parent / carer or young person report they are confident to work with agencies supporting them'),

  cse('cse-feels-safe', 'Child or young person feels safe'),
  cse('cse-able-to-cope', 'Child or young person feels able to cope'),
  cse('cse-healthy-relationships', 'Child or young person understands healthy relationships'),
  cse('cse-manages-risky-situations', 'Child or young person can manage risky situations and keep safe'),
  cse('cse-believes-in-themselves', 'Child or young person believes in themselves'),
  cse('cse-aware-of-services', 'Child or young person is aware of, and is confident to, access services in future'),
  cse('cse-confident-with-agencies', 'Child or young person is confident in working with agencies supporting them'),

  emotional('emotional-child-positive', 'Child / young person are positive about their emotional health'),
  emotional('emotional-parent-positive', 'Parents / carers are positive about their child / young person’s emotional health'),
  emotional('emotional-child-understands-needs', 'Child / young person understands their emotional health needs'),
  emotional('emotional-parent-understands-needs', 'Parents / carers have a good understanding of their child’s emotional health needs'),
  emotional('emotional-child-manages', 'Children report that they can manage their emotional health well enough to keep themselves safe'),
  emotional(
    'emotional-parent-manages',
    'Parents / carers are confident that they can manage their child / young person’s emotional health well enough to keep them safe',
  ),
  emotional('emotional-aware-of-services', 'Parents / carers report they are aware of and know how to access specialist mental health services'),
  emotional('emotional-confident-with-agencies', 'Parents / carers report they are confident to work with agencies supporting them'),
]

const byId = new Map(OUTCOME_MEASURES.map((m) => [m.id, m]))
export const findMeasure = (id: string): OutcomeMeasure | undefined => byId.get(id)

export const PERSPECTIVES = ['social_worker', 'practitioner', 'child', 'parent_carer'] as const
export const SELECTORS = ['family', 'social_worker', 'practitioner'] as const
