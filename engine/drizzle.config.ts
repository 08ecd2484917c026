import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` (in engine/) writes a new SQL migration into drizzle/ after a change to
// the schema; the runner applies them at startup (src/storage/migrateDatabase.ts) on PGlite and Postgres.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/storage/schema.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
