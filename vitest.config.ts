import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Two files at a time: a test file spends much of its time waiting (for a build step to start, a page to
    // load, a process to print), and two fill the two cores of the machine this runs on. No test depends on
    // how fast anything is, and every wait has a timeout long enough for a busy machine.
    maxWorkers: 2,
    // Each worker runs its files one after the other in one process, instead of a new process per file: 26 files
    // started each one anew cost about 9 s of a 180 s run. No test changes what another relies on: each file
    // builds its own fixture in a folder of its own, closes what it opened, and mocks nothing.
    isolate: false,
    // expect.poll() waits for a browser to show something: 1 s by default, too short beside a build on two cores.
    expect: { poll: { timeout: 15_000 } },
    projects: [
      // Pure functions: no build, no browser; `npm run test:unit`.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Small fixture projects from tests/fixtures/, each built into a temporary folder.
      { extends: true, test: { name: 'fixtures', include: ['tests/projects/**/*.test.ts'] } },
      // The site as the editors left it, built once into test-results/site (never dist/), in the background
      // while the fixture projects' tests run (they sort first: projects run in the order of their names).
      {
        extends: true,
        test: {
          name: 'site',
          include: ['tests/build/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          setupFiles: ['tests/helpers/site-ready.ts'],
        },
      },
    ],
  },
});
