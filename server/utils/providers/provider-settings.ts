import { z } from 'zod'
import { type BackendConfig, type BackendConfigView, ProviderSettings, type ProviderSettingsView } from '#shared/schemas/providers'

/** A settings problem for a person: `field` is the path (`backends.0.url`), `message` a sentence naming it. */
export class ProviderSettingsProblem extends Error {
  constructor(readonly statusCode: 400 | 409, message: string, readonly field: string | null = null) {
    super(message)
  }
}

export const EMPTY_SETTINGS: ProviderSettings = { backends: [], stages: {}, default_outputs: {} }

/** The settings file's shape alone: its stages may name backends that only NUXT_PROVIDERS adds. */
export const StoredProviderSettings = z.object(ProviderSettings.shape)

/** NUXT_PROVIDERS arrives as JSON text, or already parsed by Nitro's env handling; '' means not set. */
export function parseEnvProviders(value: unknown): { settings: ProviderSettings | null, problems: { field: string, message: string }[] } {
  if (value === '' || value === undefined || value === null) return { settings: null, problems: [] }
  let json = value
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value)
    }
    catch {
      return { settings: null, problems: [{ field: '', message: 'is not valid JSON' }] }
    }
  }
  const parsed = ProviderSettings.safeParse(json)
  if (parsed.success) return { settings: parsed.data, problems: [] }
  return { settings: null, problems: parsed.error.issues.map(issue => ({ field: issue.path.join('.'), message: issue.message })) }
}

/** File overlaid by env: env backends replace file backends by id; env stage keys and default outputs win per key. */
export function overlay(file: ProviderSettings, env: ProviderSettings | null): ProviderSettings {
  if (!env) return file
  const envIds = new Set(env.backends.map(backend => backend.id))
  return {
    backends: [...file.backends.filter(backend => !envIds.has(backend.id)), ...env.backends],
    stages: { ...file.stages, ...env.stages },
    default_outputs: { ...file.default_outputs, ...env.default_outputs },
  }
}

/** Stage keys and default outputs set by env, as `stages.interception`, `default_outputs.image`. */
export function envLocked(env: ProviderSettings | null): string[] {
  if (!env) return []
  return [
    ...Object.keys(env.stages).filter(key => env.stages[key as keyof typeof env.stages]).map(key => `stages.${key}`),
    ...Object.keys(env.default_outputs).filter(key => env.default_outputs[key as keyof typeof env.default_outputs]).map(key => `default_outputs.${key}`),
  ]
}

/** What a leader's browser may see: keys only as set / not set. */
export function settingsView(file: ProviderSettings, env: ProviderSettings | null): ProviderSettingsView {
  const effective = overlay(file, env)
  const envIds = new Set(env?.backends.map(backend => backend.id) ?? [])
  return {
    backends: effective.backends.map(backend => maskBackend(backend, envIds.has(backend.id))),
    stages: effective.stages,
    default_outputs: effective.default_outputs,
    env_locked: envLocked(env),
  }
}

function maskBackend({ api_key: key, ...rest }: BackendConfig, fromEnv: boolean): BackendConfigView {
  return { ...rest, api_key_set: Boolean(key), from_env: fromEnv }
}

type RawBackend = Record<string, unknown>
export interface ProviderSettingsUpdate { backends: RawBackend[], stages: Record<string, unknown>, default_outputs: Record<string, unknown> }

/**
 * What to store after a leader's save: the body without the env-set parts (which it may repeat
 * unchanged, but not change), with each backend's key kept when the body leaves `api_key` out and
 * cleared when it sends "". Throws a ProviderSettingsProblem naming the field otherwise.
 */
export function settingsToStore(update: ProviderSettingsUpdate, file: ProviderSettings, env: ProviderSettings | null): ProviderSettings {
  const envBackends = new Map(env?.backends.map(backend => [backend.id, backend]) ?? [])
  const backends: RawBackend[] = []
  update.backends.forEach((raw, index) => {
    const envBackend = typeof raw.id === 'string' ? envBackends.get(raw.id) : undefined
    if (envBackend) {
      if (!sameAsEnv(raw, envBackend)) throw new ProviderSettingsProblem(409, `The backend "${envBackend.id}" is set by NUXT_PROVIDERS and can only be changed there.`, `backends.${index}`)
      return
    }
    const { api_key: key, ...rest } = raw
    const kept = key === undefined ? file.backends.find(backend => backend.id === raw.id)?.api_key : key
    backends.push(kept ? { ...rest, api_key: kept } : rest)
  })
  const locked = new Set(envLocked(env))
  const pick = (group: 'stages' | 'default_outputs') => {
    const values: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(update[group])) {
      if (value === undefined || value === null) continue
      if (locked.has(`${group}.${key}`)) {
        if (JSON.stringify(value) !== JSON.stringify((env![group] as Record<string, unknown>)[key])) {
          throw new ProviderSettingsProblem(409, `"${group}.${key}" is set by NUXT_PROVIDERS and can only be changed there.`, `${group}.${key}`)
        }
        continue
      }
      values[key] = value
    }
    return values
  }
  const candidate = { backends, stages: pick('stages'), default_outputs: pick('default_outputs') }
  const parsed = StoredProviderSettings.safeParse(candidate)
  if (!parsed.success) throw problemOf(parsed.error, candidate)
  // The effective settings must hold together too: a stage may name an env backend.
  const effective = ProviderSettings.safeParse(overlay(parsed.data, env))
  if (!effective.success) throw problemOf(effective.error, overlay(parsed.data, env))
  return parsed.data
}

function sameAsEnv(raw: RawBackend, env: BackendConfig): boolean {
  if (raw.api_key !== undefined && raw.api_key !== '') return false
  return (['type', 'url', 'concurrency', 'timeout_s', 'retries'] as const).every(key => raw[key] === undefined || raw[key] === env[key])
}

/** The first issue, in a sentence: `Backend "gpu": url: Invalid URL`. */
export function problemOf(error: z.ZodError, settings: { backends: RawBackend[] }): ProviderSettingsProblem {
  const issue = error.issues[0]!
  return new ProviderSettingsProblem(400, describeField(issue.path, settings) + issue.message, issue.path.join('.') || null)
}

export function describeField(path: PropertyKey[], settings: { backends: RawBackend[] }): string {
  const [group, key, ...rest] = path.map(String)
  if (group === 'backends' && key !== undefined) {
    const id = settings.backends[Number(key)]?.id
    const name = typeof id === 'string' && id ? `Backend "${id}"` : `Backend ${Number(key) + 1}`
    return rest.length ? `${name}, ${rest.join('.')}: ` : `${name}: `
  }
  if (group === 'stages' && key) return `Stage "${key}"${rest.length ? `, ${rest.join('.')}` : ''}: `
  if (group === 'default_outputs' && key) return `Default ${key} output: `
  return path.length ? `${path.join('.')}: ` : ''
}
