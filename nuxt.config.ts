import pkg from './package.json' with { type: 'json' }

// Settings come from NUXT_* environment variables through runtimeConfig; the README lists them all.
export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  srcDir: '.',
  devtools: { enabled: false },
  telemetry: false,
  typescript: { strict: true },
  runtimeConfig: {
    dataDir: '',
    contentDir: '',
    safetyLevel: 'youth',
    defaultLanguage: 'de',
    queueConcurrency: 2,
    runTimeoutSeconds: 300,
    maxRunAttempts: 2,
    shutdownTimeoutSeconds: 20,
    public: { appVersion: pkg.version },
  },
})
