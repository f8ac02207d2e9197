import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import { ProviderSettings } from '#shared/schemas/providers'
import { overlay, parseEnvProviders, ProviderSettingsProblem, settingsToStore, settingsView } from '../../../../../server/utils/providers/provider-settings'
import { ProviderSettingsStore } from '../../../../../server/utils/providers/provider-settings-store'
import { parseSettings } from '../../../../../server/utils/settings'

const settings = (value: unknown) => ProviderSettings.parse(value)
const file = settings({
  backends: [
    { id: 'comfyui', type: 'comfyui', url: 'http://gpu:8188' },
    { id: 'openai', type: 'openai', url: 'https://api.openai.com/v1', api_key: 'sk-file-secret' },
  ],
  stages: { interception: { backend: 'builtin' }, translation: { backend: 'builtin' } },
  default_outputs: { image: 'image_builtin' },
})
const env = settings({
  backends: [{ id: 'comfyui', type: 'comfyui', url: 'http://gpu2:8188', concurrency: 2 }, { id: 'ollama', type: 'ollama', url: 'http://gpu:11434' }],
  stages: { interception: { backend: 'ollama', model: 'llama3' } },
  default_outputs: { audio: 'audio_builtin' },
})

const caught = (work: () => unknown) => {
  try {
    work()
  }
  catch (error) {
    return error as ProviderSettingsProblem
  }
  throw new Error('expected a problem')
}

describe('overlay', () => {
  it('lets env backends win by id and env stage keys and default outputs win per key', () => {
    const effective = overlay(file, env)
    expect(effective.backends.map(backend => `${backend.id} ${backend.url}`)).toEqual(['openai https://api.openai.com/v1', 'comfyui http://gpu2:8188', 'ollama http://gpu:11434'])
    expect(effective.stages).toEqual({ interception: { backend: 'ollama', model: 'llama3' }, translation: { backend: 'builtin' } })
    expect(effective.default_outputs).toEqual({ image: 'image_builtin', audio: 'audio_builtin' })
  })

  it('shows keys only as set or not, and marks what env sets', () => {
    const view = settingsView(file, env)
    expect(JSON.stringify(view)).not.toContain('sk-file-secret')
    expect(view.backends.map(({ id, api_key_set, from_env }) => ({ id, api_key_set, from_env }))).toEqual([
      { id: 'openai', api_key_set: true, from_env: false },
      { id: 'comfyui', api_key_set: false, from_env: true },
      { id: 'ollama', api_key_set: false, from_env: true },
    ])
    expect(view.env_locked).toEqual(['stages.interception', 'default_outputs.audio'])
  })
})

describe('saving', () => {
  const body = (backends: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ backends, stages: {}, default_outputs: {}, ...extra })

  it('keeps an existing key when the body leaves it out, and clears it for ""', () => {
    const kept = settingsToStore(body([{ id: 'openai', type: 'openai', url: 'https://api.openai.com/v1' }]), file, null)
    expect(kept.backends[0]!.api_key).toBe('sk-file-secret')
    const cleared = settingsToStore(body([{ id: 'openai', type: 'openai', url: 'https://api.openai.com/v1', api_key: '' }]), file, null)
    expect(cleared.backends[0]!.api_key).toBeUndefined()
    const replaced = settingsToStore(body([{ id: 'openai', type: 'openai', url: 'https://api.openai.com/v1', api_key: 'sk-new' }]), file, null)
    expect(replaced.backends[0]!.api_key).toBe('sk-new')
  })

  it('drops env backends sent back unchanged and refuses changed ones with a sentence', () => {
    const stored = settingsToStore(body([{ id: 'comfyui', type: 'comfyui', url: 'http://gpu2:8188', concurrency: 2, timeout_s: 300, retries: 3 }]), file, env)
    expect(stored.backends).toEqual([])
    const problem = caught(() => settingsToStore(body([{ id: 'comfyui', type: 'comfyui', url: 'http://elsewhere:8188' }]), file, env))
    expect([problem.statusCode, problem.message]).toEqual([409, 'The backend "comfyui" is set by NUXT_PROVIDERS and can only be changed there.'])
  })

  it('refuses to change an env-set stage, but lets a stage name an env backend', () => {
    const problem = caught(() => settingsToStore(body([], { stages: { interception: { backend: 'builtin' } } }), file, env))
    expect([problem.statusCode, problem.field]).toEqual([409, 'stages.interception'])
    const stored = settingsToStore(body([], { stages: { translation: { backend: 'ollama', model: 'llama3' } } }), file, env)
    expect(stored.stages.translation).toEqual({ backend: 'ollama', model: 'llama3' })
  })

  it('names the backend and the field of a bad value', () => {
    const problem = caught(() => settingsToStore(body([{ id: 'gpu', type: 'comfyui', url: 'not a url' }]), file, null))
    expect(problem.statusCode).toBe(400)
    expect(problem.field).toBe('backends.0.url')
    expect(problem.message).toMatch(/^Backend "gpu", url: /)
    const reserved = caught(() => settingsToStore(body([{ id: 'builtin', type: 'ollama', url: 'http://x:1' }]), file, null))
    expect(reserved.message).toBe('Backend "builtin", id: is reserved for the built-in providers')
    const missing = caught(() => settingsToStore(body([], { stages: { interception: { backend: 'nowhere' } } }), file, null))
    expect(missing.message).toBe('Stage "interception", backend: no backend "nowhere" is configured')
  })
})

describe('NUXT_PROVIDERS', () => {
  const runtime = (providers: unknown) => ({ dataDir: '/tmp/x', contentDir: '', safetyLevel: 'youth', defaultLanguage: 'de', queueConcurrency: 16, runTimeoutSeconds: 300, maxRunAttempts: 2, shutdownTimeoutSeconds: 20, providers })

  it('reads JSON text or an already parsed object; empty means not set', () => {
    expect(parseSettings(runtime('')).providers).toBeNull()
    expect(parseSettings(runtime(JSON.stringify({ backends: [{ id: 'ollama', type: 'ollama', url: 'http://gpu:11434' }] }))).providers!.backends[0]!.concurrency).toBe(1)
    expect(parseSettings(runtime({ stages: { interception: { backend: 'builtin' } } })).providers!.stages.interception).toEqual({ backend: 'builtin' })
    expect(parseEnvProviders('{nope').problems).toEqual([{ field: '', message: 'is not valid JSON' }])
  })

  it('refuses to start naming NUXT_PROVIDERS and the bad field', () => {
    expect(() => parseSettings(runtime('{nope'))).toThrow('NUXT_PROVIDERS: is not valid JSON')
    expect(() => parseSettings(runtime({ backends: [{ id: 'gpu', type: 'sdwebui', url: 'http://gpu:7860' }] }))).toThrow(/NUXT_PROVIDERS: backends\.0\.type: /)
  })
})

describe('the settings file', () => {
  it('round-trips, and a broken file means built-in providers, not a crash', async () => {
    const storage = createStorage()
    const store = new ProviderSettingsStore(storage, env)
    await store.update(() => file)
    expect((await store.file()).backends[1]!.api_key).toBe('sk-file-secret')
    expect((await store.effective()).stages.interception).toEqual({ backend: 'ollama', model: 'llama3' })
    await storage.setItemRaw('settings:providers.json', Buffer.from('{broken'))
    expect((await store.file()).backends).toEqual([])
  })
})
