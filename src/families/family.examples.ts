/** Examples of the family schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, TEAM } from '../schema/example-ids.js'
import { slaBlock } from '../sla-clocks/sla-clock.examples.js'

export const members = [
  { givenName: 'Sam', familyName: 'Okafor', dateOfBirth: '2015-03-01', role: 'child' },
  { givenName: 'Alex', familyName: 'Okafor', dateOfBirth: '1988-07-09', role: 'parent_carer' },
]
export const leadProfessional = { name: 'Jo Patel', role: 'social_worker', organisation: 'Children’s Social Care', email: 'jo.patel@example.org' }

export const familyCreate = {
  teamId: TEAM,
  reference: 'FAM-2026-0142',
  tier: 3,
  plan: 'child_in_need',
  externalRefs: [{ system: 'mosaic', value: 'F-10234' }],
  members,
  address: { line1: '12 Orchard Close', town: 'Leeds', postcode: 'LS6 2AB' },
  leadProfessional,
}

export const family = {
  id: FAMILY,
  teamId: TEAM,
  reference: 'FAM-2026-0142',
  tier: 3,
  plan: 'child_in_need',
  externalRefs: [{ system: 'mosaic', value: 'F-10234' }],
  members: members.map((m, i) => ({ id: `0193b1d2-6c1f-7000-8000-00000000000${i + 1}`, ...m })),
  address: { line1: '12 Orchard Close', town: 'Leeds', postcode: 'LS6 2AB' },
  leadProfessional,
  sla: slaBlock,
  createdAt: '2026-12-23T09:41:12.345Z',
  updatedAt: '2026-12-23T09:41:12.345Z',
  version: 1,
}

/** A move of house: only the fields sent change. */
export const familyPatch = { address: { line1: '4 Beech Grove', town: 'Leeds', postcode: 'LS6 3DF' } }

export const FAMILY_EXAMPLES: Record<string, unknown> = {
  FamilyCreate: familyCreate,
  Family: family,
  FamilyPage: { items: [family], nextCursor: null },
  FamilyPatch: familyPatch,
}
