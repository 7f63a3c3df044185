import { type Kysely, sql } from 'kysely'

/**
 * Calendars (the three built-in divisions and custom ones with closure days), the official bank-holiday
 * data uploaded since release, and the imports that brought it. A calendar's version changes whenever
 * its days change, so working-day tables are rebuilt and open clocks moved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendars (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL,
      division text NOT NULL CHECK (division IN ('england-and-wales', 'scotland', 'northern-ireland')),
      built_in boolean NOT NULL DEFAULT false,
      time_zone text NOT NULL DEFAULT 'Europe/London',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    INSERT INTO calendars (id, name, division, built_in) VALUES
      ('england-and-wales', 'England and Wales', 'england-and-wales', true),
      ('scotland', 'Scotland', 'scotland', true),
      ('northern-ireland', 'Northern Ireland', 'northern-ireland', true);

    ALTER TABLE teams ADD CONSTRAINT teams_calendar_fk FOREIGN KEY (calendar_id) REFERENCES calendars (id);

    -- Calendars are named by text ids, so events name their subject as text.
    ALTER TABLE events ALTER COLUMN subject_id TYPE text;

    CREATE TABLE calendar_closures (
      calendar_id text NOT NULL REFERENCES calendars (id),
      date date NOT NULL,
      title text NOT NULL,
      PRIMARY KEY (calendar_id, date)
    );

    -- The latest official list per division; for the years it covers it replaces the built-in rules.
    CREATE TABLE official_bank_holidays (
      division text NOT NULL,
      date date NOT NULL,
      title text NOT NULL,
      PRIMARY KEY (division, date)
    );

    CREATE TABLE bank_holiday_imports (
      id uuid PRIMARY KEY,
      imported_at timestamptz NOT NULL DEFAULT now(),
      api_key_id uuid REFERENCES api_keys (id),
      source text NOT NULL,
      covered_years jsonb NOT NULL,
      changes jsonb NOT NULL
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
