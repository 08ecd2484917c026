import { configDefaults, defineConfig } from "vitest/config";

// Two projects so that only runs that include storage tests start Postgres (a global setup runs
// only when its project has tests queued): `storage` runs every test on PGlite and Postgres.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "engine",
          include: ["src/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "src/storage/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "storage",
          include: ["src/storage/**/*.test.ts"],
          globalSetup: ["src/storage/testing/postgresGlobalSetup.ts"],
          // Opening PGlite (a WebAssembly Postgres) takes a few seconds on a busy machine.
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
