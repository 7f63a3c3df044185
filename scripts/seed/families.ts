/** A seeded family row: obviously synthetic members, address and plan. */
import type { Insertable } from 'kysely'
import type { FamiliesTable } from '../../src/db/schema.js'
import { newId, type Random } from './random.js'
import { DAY, isoDate } from './time.js'

const PLAN_WEIGHTS = { none: 0.2, early_help: 0.45, child_in_need: 0.2, child_protection: 0.1, looked_after: 0.05 } as const

/** A family of obviously synthetic members: one or two parents or carers, one to four children. */
export function familyRow(rng: Random, index: number, teamId: string, createdAt: number): Insertable<FamiliesTable> {
  const reference = `SEED-${String(index + 1).padStart(7, '0')}`
  const familyName = `Seedfamily ${String(index + 1).padStart(7, '0')}`
  const member = (role: 'child' | 'parent_carer' | 'other_adult', givenName: string, ageYears: [number, number]) => ({
    id: newId(rng, createdAt), givenName, familyName, role,
    dateOfBirth: isoDate(createdAt - Math.floor(rng.between(ageYears[0], ageYears[1]) * 365.25) * DAY),
  })
  const members = [
    ...Array.from({ length: rng.int(1, 2) }, (_, k) => member('parent_carer', `Parent ${k + 1}`, [19, 55])),
    ...Array.from({ length: rng.int(1, 4) }, (_, k) => member('child', `Child ${k + 1}`, [0, 17.9])),
    ...(rng.chance(0.1) ? [member('other_adult', 'Adult 1', [18, 80])] : []),
  ]
  return {
    id: newId(rng, createdAt), teamId, reference, tier: Number(rng.weighted({ 2: 0.3, 3: 0.5, 4: 0.2 })),
    plan: rng.weighted(PLAN_WEIGHTS), members: JSON.stringify(members),
    address: JSON.stringify({ line1: `${index + 1} Synthetic Street`, town: 'Seedville', postcode: 'ZZ99 9ZZ' }),
    leadProfessional: rng.chance(0.3) ? JSON.stringify({ name: 'Synthetic Lead Professional', role: 'social_worker', organisation: 'Seed County Council' }) : null,
    createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
  }
}
