import { type Kysely, sql } from 'kysely'

/**
 * What the response schemas require of a stored value, the database requires too, so that no row written
 * by any path (a seeder, a bulk load, an operator's SQL) can make a read of it fail: closed sets (statuses,
 * kinds, routes, plans, roles, units) and the `^[a-z0-9_]+$` role of a lead professional and of a requester.
 *
 * Roles already stored in another form (`Social Worker`) are first rewritten to the form the API takes
 * (`social_worker`); a value outside a closed set stops the migration, to be corrected by hand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE families
      SET lead_professional = jsonb_set(lead_professional, '{role}', to_jsonb(left(trim(BOTH '_' FROM regexp_replace(lower(lead_professional->>'role'), '[^a-z0-9_]+', '_', 'g')), 64)))
      WHERE jsonb_typeof(lead_professional) = 'object' AND NOT (lead_professional->>'role' ~ '^[a-z0-9_]{1,64}$');
    UPDATE service_requests
      SET requested_by = jsonb_set(requested_by, '{role}', to_jsonb(left(trim(BOTH '_' FROM regexp_replace(lower(requested_by->>'role'), '[^a-z0-9_]+', '_', 'g')), 64)))
      WHERE NOT (requested_by->>'role' ~ '^[a-z0-9_]{1,64}$');

    ALTER TABLE families
      ADD CONSTRAINT families_plan CHECK (plan IN ('none', 'early_help', 'child_in_need', 'child_protection', 'looked_after')),
      ADD CONSTRAINT families_lead_professional CHECK (
        lead_professional IS NULL OR jsonb_typeof(lead_professional) = 'null' OR (
          jsonb_typeof(lead_professional) = 'object'
          AND lead_professional->>'role' ~ '^[a-z0-9_]{1,64}$'
          AND length(lead_professional->>'name') BETWEEN 1 AND 200
        )
      ),
      ADD CONSTRAINT families_member_roles CHECK (
        jsonb_typeof(members) = 'array'
        AND NOT jsonb_path_exists(members, '$[*] ? (!(@.role == "child" || @.role == "parent_carer" || @.role == "other_adult"))')
      );
    ALTER TABLE service_requests
      ADD CONSTRAINT service_requests_kind CHECK (kind IN ('intervention', 'consultation')),
      ADD CONSTRAINT service_requests_route CHECK (route IN (
        'transfer_meeting', 'resource_panel', 'legal_gateway', 'missing_exploitation_panel', 'mase', 'risk_management_panel',
        'casework_supervision', 'safeguarding_hub', 'panel', 'step_down', 'other'
      )),
      ADD CONSTRAINT service_requests_status CHECK (status IN ('received', 'accepted', 'allocated', 'ended', 'declined', 'returned', 'withdrawn')),
      ADD CONSTRAINT service_requests_requested_by CHECK (requested_by->>'role' ~ '^[a-z0-9_]{1,64}$' AND length(requested_by->>'name') >= 1);
    ALTER TABLE practitioners
      ADD CONSTRAINT practitioners_role CHECK (role IN ('practitioner', 'senior_practitioner', 'team_manager', 'specialist')),
      ADD CONSTRAINT practitioners_specialism CHECK (specialism IN ('mental_health', 'substance_misuse', 'domestic_abuse', 'sexual_exploitation'));
    ALTER TABLE allocations ADD CONSTRAINT allocations_status CHECK (status IN ('active', 'ended'));
    ALTER TABLE consultations
      ADD CONSTRAINT consultations_status CHECK (status IN ('held', 'recorded', 'discussed')),
      ADD CONSTRAINT consultations_specialism CHECK (specialism IN ('mental_health', 'substance_misuse', 'domestic_abuse', 'sexual_exploitation'));
    ALTER TABLE escalations ADD CONSTRAINT escalations_level CHECK (level IN ('practitioner', 'senior_practitioner', 'social_care_discussion', 'service_manager'));
    ALTER TABLE plans
      ADD CONSTRAINT plans_kind CHECK (kind IN ('taf_plan', 'level_3_plan', 'contingency_plan', 'multi_agency_action_plan')),
      ADD CONSTRAINT plans_status CHECK (status IN ('draft', 'signed_off'));
    ALTER TABLE plan_versions ADD CONSTRAINT plan_versions_reason CHECK (reason IN ('created', 'review'));
    ALTER TABLE sla_clocks
      ADD CONSTRAINT sla_clocks_target_unit CHECK (target_unit IN ('working_days', 'calendar_days', 'weeks', 'months', 'hours', 'same_day', 'date_given'));
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
