// Replaced by the database helper: starts embedded Postgres once per test run.
export default async function setup() {}
