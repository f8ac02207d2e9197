import { z } from 'zod'
import { Language, SafetyLevel } from '#shared/schemas/common'
import { parseEnvProviders } from './providers/provider-settings'

/** Server settings from runtimeConfig (NUXT_* variables); the README has the table. */
export const Settings = z.object({
  dataDir: z.string(),
  contentDir: z.string(),
  safetyLevel: SafetyLevel,
  defaultLanguage: Language,
  queueConcurrency: z.coerce.number().int().min(1).max(64),
  runTimeoutSeconds: z.coerce.number().positive(),
  maxRunAttempts: z.coerce.number().int().min(1).max(10),
  shutdownTimeoutSeconds: z.coerce.number().nonnegative(),
  /** Creates the first leader `admin` while none exists; never logged. */
  adminPassword: z.string().refine(value => value === '' || value.length >= 10, 'must be at least 10 characters').default(''),
  insecureCookies: z.boolean().default(false),
  /** A leader's sign-in ends this long after it began… */
  leaderSessionSeconds: z.coerce.number().int().positive().default(7 * 24 * 3600),
  /** …or this long after the leader's last request, whichever comes first. */
  leaderIdleSeconds: z.coerce.number().int().positive().default(12 * 3600),
  /** Bearer token that shows /api/health's details (paths, hosts, instances) to monitoring; '' = to signed-in leaders only. */
  healthToken: z.coerce.string().refine(value => value === '' || value.length >= 16, 'must be at least 16 characters').default(''),
  /** Media in this S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) instead of `<data dir>/runs`; '' keeps files. */
  s3Bucket: z.coerce.string().regex(/^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3 to 63 of a-z, 0-9, dot, hyphen)').default(''),
  /** Unset for AWS; `https://<account>.r2.cloudflarestorage.com` for R2; the server URL for MinIO. */
  s3Endpoint: z.string().refine(value => value === '' || URL.canParse(value), 'must be a URL such as https://s3.example.org').default(''),
  /** R2 wants `auto`; AWS the bucket's region. */
  s3Region: z.string().min(1).default('us-east-1'),
  /** Empty: the SDK's own credential chain (AWS_* variables, instance role). Never logged. */
  s3AccessKeyId: z.coerce.string().default(''),
  s3SecretAccessKey: z.coerce.string().default(''),
  /** Folder inside the bucket, so several installations can share one bucket. */
  s3Prefix: z.coerce.string().regex(/^$|^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be folder names separated by /').refine(value => !value.split('/').includes('..'), 'must not contain ..').default(''),
  /** MinIO (and s3rver) need path-style addressing. */
  s3ForcePathStyle: z.boolean().default(false),
  /** > 0: media routes answer 302 to a presigned URL valid this many seconds; 0 streams through the server. */
  s3PresignSeconds: z.coerce.number().int().min(0).max(7 * 24 * 3600).default(0),
  /** Several instances share one queue (BullMQ) here, e.g. redis://host:6379/0; '' keeps the in-process queue. */
  redisUrl: z.coerce.string().refine(value => value === '' || /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL').default(''),
  /** Starts every Redis key, so several installations can share one Redis. */
  redisPrefix: z.coerce.string().regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, dot, hyphen or underscore').default('ai4artsed'),
  /** After this long without a sign of life, a job of a dead instance is taken over by another. */
  stallTimeoutSeconds: z.coerce.number().positive().default(30),
  /** The address users reach this app at (https://kunst.schule.de); each instance checks who answers there. '' = unknown. */
  publicUrl: z.string().refine(value => value === '' || /^https?:\/\//.test(value) && URL.canParse(value), 'must be an http(s) URL such as https://kunst.schule.de')
    .transform(value => value.replace(/\/+$/, '')).default(''),
  /** Set by nuxt.config in `nuxi dev` only: the port the dev server listens on. */
  devPort: z.coerce.number().int().nonnegative().default(0),
  /** Built-in image and audio generations at once (CPU work). */
  builtinConcurrency: z.coerce.number().int().min(1).max(64).default(2),
  /** Folder of the image classifier's model (nsfwjs layout); '' uses the MobileNetV2 inside the nsfwjs package. */
  imageCheckModelDir: z.string().default(''),
  /** Each instance tells the others it is alive this often; after 3 missed beats it counts as dead. */
  heartbeatSeconds: z.coerce.number().positive().default(5),
  /** Requests to join (with or without a code) from one address per limit window; a class of 30 behind one school NAT joins a few times each. */
  limitJoinsPerAddress: z.coerce.number().int().min(1).default(120),
  /** Join codes from one address that name no session, per limit window: past it, guessing gets 429. */
  limitFailedCodesPerAddress: z.coerce.number().int().min(1).default(40),
  /** Runs started from one address per limit window (a class of 30 sharing one NAT stays well below it). */
  limitRunsPerAddress: z.coerce.number().int().min(1).default(300),
  /** Pictures uploaded from one address per limit window (a class of 30, a few pictures and retries each). */
  limitUploadsPerAddress: z.coerce.number().int().min(1).default(600),
  /** Pictures one participant may upload per rolling hour. */
  limitUploadsPerParticipant: z.coerce.number().int().min(1).default(60),
  /** The window the address limits count in. */
  limitWindowSeconds: z.coerce.number().int().min(1).default(600),
  /** The open studio's limits per participant when it is first created (a leader may change them on its session page). */
  studioRunsPerHour: z.coerce.number().int().min(1).max(1000).default(30),
  studioRunsInProgress: z.coerce.number().int().min(1).max(100).default(2),
  /** New runs are refused (507) when the data dir's disk has less free space than the larger of these two. */
  minFreeDiskMb: z.coerce.number().nonnegative().default(1024),
  minFreeDiskPercent: z.coerce.number().min(0).max(100).default(5),
  /** NUXT_PROVIDERS: JSON ProviderSettings overlaid on the settings file; null when not set. */
  providers: z.unknown().default('').transform((value, context) => {
    const { settings, problems } = parseEnvProviders(value)
    for (const problem of problems) context.addIssue({ code: 'custom', message: problem.message, path: problem.field ? problem.field.split('.') : [] })
    return settings
  }),
})
export type Settings = z.infer<typeof Settings>

export class SettingsError extends Error {}

export function parseSettings(runtimeConfig: Record<string, unknown>): Settings {
  const parsed = Settings.safeParse(runtimeConfig)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    const [key, ...inner] = issue.path.map(String)
    return `${envName(key ?? '')}: ${inner.length ? `${inner.join('.')}: ` : ''}${issue.message}`
  })
  throw new SettingsError(`Invalid settings: ${problems.join('; ')}`)
}

/** runtimeConfig key → the environment variable that sets it (dataDir → NUXT_DATA_DIR). */
export const envName = (key: string) => `NUXT_${key.replace(/[A-Z]/g, letter => `_${letter}`).toUpperCase()}`
