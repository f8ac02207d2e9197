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
  /** Built-in image and audio generations at once (CPU work). */
  builtinConcurrency: z.coerce.number().int().min(1).max(64).default(2),
  /** NUXT_PROVIDERS: JSON ProviderSettings overlaid on the settings file; null when not set. */
  providers: z.unknown().transform((value, context) => {
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
