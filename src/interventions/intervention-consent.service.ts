import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { conflict, invalidField, ProblemError } from '../http/problems.js'
import type { VersionCondition } from '../http/versioning.js'
import { assertConsentCovers, assertOpen, dayOf, event, iso, isoDate, localDay, stepTime } from './intervention.rules.js'
import { changeIntervention, latestEnd, presetOfTeam } from './intervention.service.js'
import type { ConsentExtensionCreate, ConsentRenewalCreate } from './intervention-steps.schemas.js'

/**
 * Consent is given for an initial period and extended at most a set number of times, to at most a maximum
 * in all (000 §1: 3 months, once, to 6 months), by the preset's policy. An extension is recorded while
 * consent still runs; once it has lapsed, only renewed consent continues the work.
 */
export async function extendConsent(db: Db, ctx: ChangeContext, id: string, input: ConsentExtensionCreate, expected: VersionCondition) {
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const period = (await presetOfTeam(trx, current.teamId)).policy.consentPeriod
    if (!period || current.consentUntil === null) throw conflict('This service sets no consent period to extend')
    const extendedAt = stepTime(ctx, current, 'extendedAt', input.extendedAt)
    assertConsentCovers(current, extendedAt, 'an extension')
    const extended = current.consentExtension?.extendedAt !== undefined
    if (extended || period.extensions === 0)
      throw conflict(`The family’s consent ${extended ? 'has already been extended once' : 'is not extended in this service'}; it cannot be extended again`)
    const maximum = isoDate(localDay(current.startedAt).plus({ [period.maximum.unit]: period.maximum.amount }))
    if (input.until <= current.consentUntil) throw invalidField('until', `must be after the current consent period, which ends ${current.consentUntil}`)
    if (input.until > maximum) {
      throw new ProblemError('unprocessable', `Consent may be extended to at most ${period.maximum.amount} ${period.maximum.unit} in all: ${maximum}`, [
        { in: 'body', field: 'until', message: `must not be after ${maximum}` },
      ])
    }
    return {
      set: { consentUntil: input.until, consentExtension: JSON.stringify({ extendedAt: iso(extendedAt), until: input.until, recordedBy: input.recordedBy }) },
      events: [{ ...event(current, 'intervention.consent-extended', extendedAt, { until: input.until }), until: input.until }],
    }
  })
}

/**
 * The family consents again after their consent lapsed: the work may continue to `until`, no later than
 * the latest the intervention may run to. The lapsed consent's clock stops late; a new one runs to `until`.
 */
export async function renewConsent(db: Db, ctx: ChangeContext, id: string, input: ConsentRenewalCreate, expected: VersionCondition) {
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const preset = await presetOfTeam(trx, current.teamId)
    if (!preset.policy.consentPeriod || current.consentUntil === null) throw conflict('This service sets no consent period to renew')
    const renewedAt = stepTime(ctx, current, 'renewedAt', input.renewedAt)
    if (dayOf(renewedAt) <= current.consentUntil)
      throw conflict(
        `The family’s consent runs to ${current.consentUntil}; before then it is extended (POST /interventions/${id}/consent-extension), not renewed`,
      )
    if (input.until <= dayOf(renewedAt)) throw invalidField('until', 'must be after the renewal')
    const latest = await latestEnd(trx, current, preset)
    if (latest && input.until > latest.date) throw invalidField('until', `must not be after ${latest.date}, the latest the intervention may run to`)
    const earlier = current.consentExtension?.renewals
    const renewals = Array.isArray(earlier) ? earlier : []
    const renewal = { renewedAt: iso(renewedAt), until: input.until, recordedBy: input.recordedBy, notes: input.notes ?? null }
    return {
      set: { consentUntil: input.until, consentExtension: JSON.stringify({ ...(current.consentExtension ?? {}), renewals: [...renewals, renewal] }) },
      events: [{ ...event(current, 'intervention.consent-renewed', renewedAt, { until: input.until }), until: input.until }],
    }
  })
}
