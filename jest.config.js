/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['reflect-metadata'],
  // migrate and seed once per run; test files copy the result (tests/support/templates.ts)
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // hooks that migrate and seed a database of their own (not the template) took 30 to 60 s when
  // the 2-core machine had other work: a slow start is not a failure, a hang still is
  testTimeout: 90000,
  // one jest process grew past 1.7 GB over the run and slowed as it grew; a worker over this is
  // replaced between test files
  workerIdleMemoryLimit: '1GB',
  // *.pg.test.ts need PostgreSQL and Redis: only `npm run test:postgres` (TEST_DATABASE_URL) runs them
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.TEST_DATABASE_URL ? [] : ['\\.pg\\.test\\.ts$']),
  ],
};
