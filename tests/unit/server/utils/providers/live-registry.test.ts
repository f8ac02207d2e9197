import { createStorage } from 'unstorage'
import { describe, expect, it, vi } from 'vitest'
import type { OutputConfig } from '#shared/schemas/output'
import { type BackendConfig, ProviderSettings } from '#shared/schemas/providers'
import { AuditLog } from '../../../../../server/utils/audit/audit-log'
import type { Backend } from '../../../../../server/utils/providers/backends/backend'
import { BackendGate } from '../../../../../server/utils/providers/backends/backend-gate'
import { builtinProviders } from '../../../../../server/utils/providers/builtin/builtin-registry'
import { GatedGenerator, LiveProviders, planProviders } from '../../../../../server/utils/providers/live-registry'
import { probeBackend } from '../../../../../server/utils/providers/probe-backends'
import { ProviderSettingsStore } from '../../../../../server/utils/providers/provider-settings-store'
import type { GenerationProvider } from '../../../../../server/utils/providers/types'

// Only `ollama` and `comfyui` exist in this test build; `replicate` stands for a type the build lacks.
vi.mock('../../../../../server/utils/providers/backends/create-backend', () => ({
  createBackend(config: BackendConfig): Backend {
    const gate = new BackendGate(config.concurrency)
    const probe = async () => ({ reachable: true, error: null, latency_ms: 5, models: [`${config.id}-model`] })
    if (config.type === 'ollama') {
      const imageClassifier = (model: string) => ({ id: config.id, model, scores: async () => ({}) })
      return { config, gate, probe, chat: { chat: async () => ({ text: 'ok' }) }, imageClassifier }
    }
    if (config.type === 'comfyui') {
      const generator = { id: config.id, model: 'workflow', mediaType: 'image', generate: async () => { throw new Error('unused') } } as GenerationProvider
      return { config, gate, probe, generator }
    }
    throw new Error(`Backend type ${config.type} is not supported`)
  },
}))
vi.mock('../../../../../server/utils/providers/llm/llm-stage-providers', () => ({
  llmInterception: (id: string, _chat: unknown, model: string) => ({ id, model, intercept: async () => ({ text: 'llm' }) }),
  llmTranslation: (id: string, _chat: unknown, model: string) => ({ id, model, toEnglish: async () => ({ text: 'llm' }) }),
  llmSafety: (id: string, _chat: unknown, model: string, termLists: { id: string }) => ({ id, model, termLists: termLists.id, check: async () => ({ safe: true }) }),
}))

const output = (id: string, provider: string, media_type: 'image' | 'audio' = 'image') => ({ id, provider, media_type, model: 'm', default: false, needs_english: true, name: { de: id, en: id }, parameters: {} }) as unknown as OutputConfig
const outputs = [output('image_builtin', 'builtin_image'), output('sd35', 'comfyui'), output('flux', 'replicate')]
const settings = (value: unknown) => ProviderSettings.parse(value)
const backends = [
  { id: 'comfyui', type: 'comfyui', url: 'http://gpu:8188' },
  { id: 'ollama', type: 'ollama', url: 'http://gpu:11434', concurrency: 3 },
  { id: 'replicate', type: 'replicate', url: 'https://api.replicate.com/v1', api_key: 'r8_secret' },
]

describe('planProviders', () => {
  it('uses the built-in providers when nothing is configured', () => {
    const plan = planProviders(settings({}), builtinProviders([]))
    expect(Object.values(plan.stages).map(stage => stage.provider)).toEqual(['builtin', 'builtin', 'builtin', 'builtin', 'builtin'])
    expect([...plan.registry.generators.keys()]).toEqual(['builtin_image', 'builtin_audio', 'builtin_song', 'builtin_video', 'builtin_code', 'builtin_model'])
  })

  it('adds every backend generator by id and gives assigned text stages the language model', () => {
    const builtin = builtinProviders([])
    const plan = planProviders(settings({ backends, stages: { interception: { backend: 'ollama', model: 'llama3' }, input_safety: { backend: 'ollama', model: 'llama-guard3' } } }), builtin)
    expect(plan.registry.generators.has('comfyui')).toBe(true)
    expect(plan.stages.interception).toEqual({ provider: 'ollama', model: 'llama3' })
    expect(plan.stages.input_safety).toEqual({ provider: 'ollama', model: 'llama-guard3' })
    expect((plan.registry.inputSafety as unknown as { termLists: string }).termLists).toBe('builtin_safety')
    expect(plan.stages.translation.provider).toBe('builtin')
    expect(plan.problems).toEqual([])
  })

  it('treats a type this build lacks as not available, never as a crash', () => {
    const plan = planProviders(settings({ backends }), builtinProviders([]), [], outputs)
    const replicate = plan.entries.find(entry => entry.config.id === 'replicate')!
    expect([replicate.backend, replicate.error]).toEqual([null, 'the backend type "replicate" is not available in this build'])
    expect(plan.registry.generators.has('replicate')).toBe(false)
  })

  it('reports a text stage on a backend without language models, or without a model, and keeps it built-in', () => {
    const plan = planProviders(settings({ backends, stages: { interception: { backend: 'comfyui', model: 'x' }, translation: { backend: 'ollama' }, pre_output_safety: { backend: 'replicate', model: 'x' } } }), builtinProviders([]))
    expect(plan.problems.map(problem => problem.message)).toEqual([
      'Stage "interception": the backend "comfyui" (comfyui) has no language models',
      'Stage "translation": choose a model of the backend "ollama"',
      'Stage "pre_output_safety": the backend type "replicate" is not available in this build (backend "replicate")',
    ])
    expect(Object.values(plan.stages).map(stage => stage.provider)).toEqual(['builtin', 'builtin', 'builtin', 'builtin', 'builtin'])
  })

  it('adds a vision model to the picture check only on a backend that can look at pictures', () => {
    const vision = planProviders(settings({ backends, stages: { image_safety: { backend: 'ollama', model: 'llama3.2-vision' } } }), builtinProviders([]))
    expect([vision.registry.imageSafety?.id, vision.registry.imageSafety?.model, vision.problems]).toEqual(['ollama', 'llama3.2-vision', []])
    expect(vision.stages.image_safety).toEqual({ provider: 'ollama', model: 'llama3.2-vision' })
    const offline = planProviders(settings({ backends }), builtinProviders([]))
    expect([offline.registry.imageSafety, offline.stages.image_safety]).toEqual([null, { provider: 'builtin', model: 'nsfwjs' }])
    const comfy = planProviders(settings({ backends, stages: { image_safety: { backend: 'comfyui', model: 'x' } } }), builtinProviders([]))
    expect(comfy.registry.imageSafety).toBeNull()
    expect(comfy.problems.map(problem => problem.message)).toEqual(['Stage "image_safety": the backend "comfyui" (comfyui) cannot look at pictures; choose an Ollama vision model or an OpenAI-compatible moderation model'])
  })

  it('reports a default output that does not exist for its media type', () => {
    const plan = planProviders(settings({ default_outputs: { audio: 'sd35' } }), builtinProviders([]), [], outputs)
    expect(plan.problems).toEqual([{ field: 'default_outputs.audio', message: 'Default audio output: there is no audio output "sd35"' }])
  })
})

describe('LiveProviders', () => {
  const live = async (env: unknown = null) => {
    const storage = createStorage()
    const store = new ProviderSettingsStore(storage, env ? settings(env) : null)
    const providers = new LiveProviders({ store, builtin: builtinProviders([]), audit: new AuditLog(storage), outputs: () => outputs })
    await providers.load()
    return { providers, storage }
  }

  it('swaps providers into the same registry object on save, keeps unchanged backends, and audits without keys', async () => {
    const { providers, storage } = await live()
    const registry = providers.registry
    const before = registry.interception
    expect(providers.isAvailable(outputs[1]!)).toBe(false)
    await providers.save({ backends, stages: { interception: { backend: 'ollama', model: 'llama3' } }, default_outputs: { image: 'sd35' } }, 'admin')
    expect(providers.registry).toBe(registry)
    expect(registry.interception).not.toBe(before)
    expect(registry.interception.id).toBe('ollama')
    expect(providers.isAvailable(outputs[1]!)).toBe(true)
    expect(providers.isAvailable(outputs[2]!)).toBe(false)
    expect(providers.preferredOutput('image')).toBe('sd35')
    const comfy = registry.generators.get('comfyui')
    await providers.save({ backends, stages: {}, default_outputs: {} }, 'admin')
    expect(registry.generators.get('comfyui')).toBe(comfy)
    expect(registry.interception).toBe(before)
    const audit = await new AuditLog(storage).list({ limit: 5 })
    expect(audit.map(entry => entry.action)).toEqual(['providers.update', 'providers.update'])
    expect(JSON.stringify(audit)).not.toContain('r8_secret')
    expect(audit[1]!.detail!.api_keys_changed).toEqual(['replicate'])
  })

  it('refuses a save that does not hold together and keeps the old providers', async () => {
    const { providers } = await live()
    await expect(providers.save({ backends, stages: { interception: { backend: 'comfyui', model: 'x' } }, default_outputs: {} }, 'admin'))
      .rejects.toMatchObject({ statusCode: 400, field: 'stages.interception', message: 'Stage "interception": the backend "comfyui" (comfyui) has no language models' })
    expect(providers.registry.generators.has('comfyui')).toBe(false)
    expect((await providers.view()).backends).toEqual([])
  })

  it('reports each backend: probe results, load, the stages and which outputs are offered', async () => {
    const { providers } = await live({ backends, stages: { translation: { backend: 'ollama', model: 'llama3' } } })
    const view = await providers.status(outputs, type => (type === 'image' ? 'image_builtin' : undefined))
    expect(view.backends.map(({ id, reachable, error, models, concurrency, active, waiting }) => ({ id, reachable, error, models, concurrency, active, waiting }))).toEqual([
      { id: 'comfyui', reachable: true, error: null, models: ['comfyui-model'], concurrency: 1, active: 0, waiting: 0 },
      { id: 'ollama', reachable: true, error: null, models: ['ollama-model'], concurrency: 3, active: 0, waiting: 0 },
      { id: 'replicate', reachable: false, error: 'the backend type "replicate" is not available in this build', models: [], concurrency: 1, active: 0, waiting: 0 },
    ])
    expect(view.stages.translation).toEqual({ provider: 'ollama', model: 'llama3' })
    expect(view.outputs.map(({ id, available, default: isDefault }) => [id, available, isDefault])).toEqual([['image_builtin', true, true], ['sd35', true, false], ['flux', false, false]])
    expect(JSON.stringify(view)).not.toContain('r8_secret')
  })
})

describe('probes and gates', () => {
  it('cuts a probe off after its time and says so', async () => {
    const silent = { probe: () => new Promise(() => {}) } as unknown as Backend
    expect(await probeBackend(silent, 50)).toEqual({ reachable: false, error: 'no answer within 0.05 s', latency_ms: null, models: [] })
    const failing = { probe: async () => { throw new Error('comfyui (http://gpu:8188) could not be reached: connection refused (is it running?)') } } as unknown as Backend
    expect((await probeBackend(failing, 1000)).error).toBe('comfyui (http://gpu:8188) could not be reached: connection refused (is it running?)')
  })

  it('lets only the gate\'s number of built-in generations run at once', async () => {
    let running = 0
    let most = 0
    const slow = { id: 'builtin_image', model: 'm', mediaType: 'image', generate: async () => {
      running += 1
      most = Math.max(most, running)
      await new Promise(resolve => setTimeout(resolve, 20))
      running -= 1
      return {} as never
    } } as GenerationProvider
    const gated = new GatedGenerator(slow, new BackendGate(2))
    const positions: (number | null)[] = []
    await Promise.all(Array.from({ length: 5 }, (_, index) => gated.generate({ onWaiting: index === 4 ? (position: number | null) => positions.push(position) : undefined } as never)))
    expect(most).toBe(2)
    expect(positions[0]).toBe(3)
    expect(positions.at(-1)).toBeNull()
  })
})
