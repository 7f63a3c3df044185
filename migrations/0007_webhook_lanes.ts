import { type Kysely, sql } from 'kysely'

/**
 * Webhook deliveries move from one queued job per event to one lane per subscription: an instance
 * claims a subscription for a while (`lease_owner`, `lease_until`), delivers the events after its
 * cursor in feed order, and moves the cursor only past what was delivered. `next_attempt_at` holds a
 * failing subscription back (exponential backoff) without holding back the others.
 *
 * The delivery log keeps one row per delivery made (a replay adds rows); only the delivery still being
 * retried is unique per event. Deliveries the previous dispatcher had queued but not yet made are not
 * lost: their subscription's cursor moves back before the oldest of them (events after it that were
 * already delivered are delivered again: at least once).
 *
 * A trigger on the outbox notifies `events_written` once per transaction that writes events, so that
 * delivery starts at once rather than at the next poll.
 *
 * Signing secrets are sealed (AES-256-GCM) by the application at start, which has the key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE webhook_subscriptions
      ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN lease_owner uuid,
      ADD COLUMN lease_until timestamptz;
    CREATE INDEX webhook_subscriptions_due_idx ON webhook_subscriptions (next_attempt_at) WHERE status = 'active';
    CREATE INDEX webhook_subscriptions_team_idx ON webhook_subscriptions (team_id, id);

    ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_subscription_id_event_id_key;
    CREATE UNIQUE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, event_id) WHERE status = 'pending';

    UPDATE webhook_subscriptions s
       SET after_tx = oldest.tx, after_event_id = oldest.id - 1
      FROM (
        SELECT DISTINCT ON (d.subscription_id) d.subscription_id, e.tx, e.id
          FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
         WHERE d.status = 'pending'
         ORDER BY d.subscription_id, e.tx, e.id
      ) oldest
     WHERE s.id = oldest.subscription_id;

    CREATE FUNCTION notify_events_written() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('events_written', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER events_written AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION notify_events_written();
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
