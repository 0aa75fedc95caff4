// Runs once before the suite: nothing global yet; each test app gets its own
// SQLite directory or PostgreSQL schema (see test/helpers/test-app.ts).
export default function setup() {}
