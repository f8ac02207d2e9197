import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = { '#shared': fileURLToPath(new URL('./shared', import.meta.url)) }

// Unit tests import server modules directly; integration and browser tests talk HTTP to the
// server that `nuxt build` produced (tests/support/server.ts starts one per test file, each on
// its own port and temp data dir, so files may run in parallel).
// --openssl-legacy-provider: s3rver, the S3 the tests start in their own process, signs its
// listing continuation tokens with DES, which Node's OpenSSL 3 offers only with this flag.
const execArgv = ['--openssl-legacy-provider']

// expect.poll gives up after 1 s unless told otherwise: a deadline a busy CI machine hits while the
// page is still rendering or the server still writing. A poll's deadline is for a hang, not a speed
// expectation, so the default is generous; a poll that passes returns at once.
const expectations = { poll: { timeout: 15_000 } }

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
    projects: [
      // Some unit tests render real images; 20 s leaves room on a busy two-core CI machine.
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 20_000, execArgv, expect: expectations } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          execArgv,
          expect: expectations,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          expect: expectations,
        },
      },
    ],
  },
})
