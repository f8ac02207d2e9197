import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pkg from './package.json' with { type: 'json' }

// The picture check's thread requires TensorFlow.js and reads the model and the .wasm files from
// node_modules at run time; no import names them, so the server build's file trace is told to copy them.
const require = createRequire(import.meta.url)
const filesIn = (dir: string, pattern: RegExp) => readdirSync(dir).filter(file => pattern.test(file)).map(file => join(dir, file))
const nsfwModelEntry = require.resolve('nsfwjs/models/mobilenet_v2')
const imageCheckFiles = [
  ...['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-wasm'].map(name => require.resolve(name)),
  nsfwModelEntry,
  ...filesIn(join(dirname(nsfwModelEntry), '..', '..', 'models', 'mobilenet_v2'), /\.min\.js$/),
  ...filesIn(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), /\.wasm$/),
  // The face finder's thread (uploads): face-api's WASM build, which requires @tensorflow/tfjs, and its Tiny Face Detector.
  require.resolve('@tensorflow/tfjs'),
  require.resolve('@vladmandic/face-api/dist/face-api.node-wasm.js'),
  ...filesIn(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model'), /^tiny_face_detector_model/),
]

// The p5.js that student sketches run on, served by this server (never a CDN) at a versioned,
// immutable URL. Only the one minified file is published, so it is copied to a folder of its own.
// (p5's exports map hides package.json, so it is read from the package folder.)
const p5Package = fileURLToPath(new URL('./node_modules/p5/', import.meta.url))
const p5Version = (JSON.parse(readFileSync(join(p5Package, 'package.json'), 'utf8')) as { version: string }).version
const p5Dir = join(p5Package, '..', '.cache', 'ai4artsed-p5', p5Version)
mkdirSync(p5Dir, { recursive: true })
copyFileSync(join(p5Package, 'lib', 'p5.min.js'), join(p5Dir, 'p5.min.js'))
const p5BaseUrl = `/vendor/p5@${p5Version}`

// The built-in video's encoder is a binary inside an optional package (linux-x64 only) that the
// server starts by its path; no import names it, so the file trace is told to copy it.
const ffmpegFiles = (() => {
  try {
    const manifest = require.resolve('@ffmpeg-installer/linux-x64/package.json')
    return [manifest, join(dirname(manifest), 'ffmpeg')]
  }
  catch {
    return []
  }
})()

// Settings come from NUXT_* environment variables through runtimeConfig; the README lists them all.
export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  srcDir: '.',
  devtools: { enabled: false },
  telemetry: false,
  modules: [
    '@pinia/nuxt', '@vueuse/nuxt', 'nuxt-auth-utils',
    // `nuxi dev --port N` listens in its own process and sets no PORT for the server it starts
    // afterwards: hand the port on (as NUXT_DEV_PORT), so the instance registry and /api/health
    // name the port a developer really uses.
    // nuxt-auth-utils stays for scrypt password hashes only. Leader sessions are the server's own
    // (server/utils/auth/leader-sessions.ts): its sealed-cookie routes would hand every visitor a cookie.
    (_options, nuxt) => {
      nuxt.options.serverHandlers = nuxt.options.serverHandlers.filter(handler => !handler.route?.startsWith('/api/_auth/'))
    },
    (_options, nuxt) => {
      nuxt.hook('listen', (_server, listener: { address?: { port?: number } }) => {
        if (listener.address?.port) process.env.NUXT_DEV_PORT = String(listener.address.port)
      })
    },
  ],
  auth: { loadStrategy: 'none' },
  typescript: { strict: true },
  // The JS and CSS chunks are stored Brotli- and gzip-compressed next to the originals and sent by
  // Accept-Encoding; HTML and JSON are compressed per answer (server/plugins/compress-responses.ts).
  nitro: {
    externals: { traceInclude: [...imageCheckFiles, ...ffmpegFiles] },
    compressPublicAssets: { gzip: true, brotli: true },
    publicAssets: [{ dir: p5Dir, baseURL: p5BaseUrl, maxAge: 365 * 24 * 3600 }],
  },
  css: ['~/assets/css/base.css'],
  hooks: {
    // The leaders' words (locales/*/admin*.json) load with the leaders' pages; a child's iPad is not
    // told to prefetch them on the school WiFi.
    'build:manifest': (manifest) => {
      for (const [source, chunk] of Object.entries(manifest)) {
        if (/locales\/[^/]+\/admin[^/]*\.json$/.test(source)) chunk.prefetch = false
      }
    },
  },
  imports: { presets: [{ from: 'vue-i18n', imports: ['useI18n'] }] },
  // A link's page code comes when a finger touches it (pointerenter fires on touchstart), not when
  // it scrolls into view: 30 iPads joining on the school WiFi fetch only what their first page needs.
  experimental: { defaults: { nuxtLink: { prefetchOn: { visibility: false, interaction: true } } } },
  app: {
    head: {
      htmlAttrs: { lang: 'de' },
      title: 'AI4ArtsEd',
      meta: [
        // viewport-fit=cover lets the layout reach under the iPad's rounded corners; safe-area insets pad it back.
        { name: 'viewport', content: 'width=device-width, initial-scale=1, viewport-fit=cover' },
        { name: 'theme-color', content: '#fff8ee' },
        { name: 'apple-mobile-web-app-capable', content: 'yes' },
        { name: 'mobile-web-app-capable', content: 'yes' },
        { name: 'apple-mobile-web-app-status-bar-style', content: 'default' },
        { name: 'apple-mobile-web-app-title', content: 'AI4ArtsEd' },
        { name: 'format-detection', content: 'telephone=no' },
      ],
      link: [
        { rel: 'manifest', href: '/manifest.webmanifest' },
        { rel: 'apple-touch-icon', href: '/apple-touch-icon.png' },
        { rel: 'icon', type: 'image/png', href: '/icon-192.png' },
      ],
    },
  },
  runtimeConfig: {
    dataDir: '',
    contentDir: '',
    safetyLevel: 'youth',
    defaultLanguage: 'de',
    queueConcurrency: 16,
    builtinConcurrency: 2,
    // The picture check's model folder; '' = the MobileNetV2 shipped inside the nsfwjs package.
    imageCheckModelDir: '',
    // JSON ProviderSettings (backends, stage assignments, default outputs); the README has examples.
    providers: '',
    runTimeoutSeconds: 300,
    maxRunAttempts: 2,
    shutdownTimeoutSeconds: 20,
    // Baked in at build time: deploy/deploy.sh sets it, and /api/health reports it so a deploy can tell releases apart.
    appCommit: process.env.AI4ARTSED_COMMIT || '',
    adminPassword: '',
    devPort: 0,
    insecureCookies: false,
    leaderSessionSeconds: 7 * 24 * 3600,
    leaderIdleSeconds: 12 * 3600,
    healthToken: '',
    // Media in an S3-compatible bucket when s3Bucket is set (R2: region 'auto'; MinIO: s3ForcePathStyle true).
    s3Bucket: '',
    s3Endpoint: '',
    s3Region: 'us-east-1',
    s3AccessKeyId: '',
    s3SecretAccessKey: '',
    s3Prefix: '',
    s3ForcePathStyle: false,
    s3PresignSeconds: 0,
    // Several instances: Redis shares documents, queue and locks; without it instances on one data dir coordinate through files.
    redisUrl: '',
    redisPrefix: 'ai4artsed',
    publicUrl: '',
    stallTimeoutSeconds: 30,
    heartbeatSeconds: 5,
    // Abuse limits and the disk guard; the README's "Security" section explains each.
    limitJoinsPerAddress: 120,
    limitFailedCodesPerAddress: 40,
    limitRunsPerAddress: 300,
    limitUploadsPerAddress: 600,
    limitUploadsPerParticipant: 60,
    limitWindowSeconds: 600,
    studioRunsPerHour: 30,
    studioRunsInProgress: 2,
    minFreeDiskMb: 1024,
    minFreeDiskPercent: 5,
    public: { appVersion: pkg.version, p5Url: `${p5BaseUrl}/p5.min.js` },
  },
})
