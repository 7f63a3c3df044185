/** The database the embedded PostgreSQL serves the API from. */
export const EMBEDDED_DATABASE = 'family_work'
