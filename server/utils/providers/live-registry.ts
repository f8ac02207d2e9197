import type { MediaType } from '#shared/schemas/common'
import type { OutputConfig } from '#shared/schemas/output'
import { type BackendConfig, type ProviderSettings, type ProviderSettingsView, type ProvidersView, type StageAssignment, TEXT_STAGES, type TextStage } from '#shared/schemas/providers'
import type { ImageClassifier } from '../safety/image-check/image-classifier'
import type { AuditLog } from '../audit/audit-log'
import type { Backend } from './backends/backend'
import { BackendGate } from './backends/backend-gate'
import { createBackend } from './backends/create-backend'
import { llmInterception, llmSafety, llmTranslation } from './llm/llm-stage-providers'
import { probeBackend } from './probe-backends'
import { EMPTY_SETTINGS, overlay, type ProviderSettingsUpdate, ProviderSettingsProblem, settingsToStore, settingsView } from './provider-settings'
import type { ProviderSettingsStore } from './provider-settings-store'
import type { ProviderRegistry } from './registry'
import type { GenerationInput, GenerationProvider } from './types'

/** A configured backend; `backend` is null when this build has no client for its type. */
export interface BackendEntry { config: BackendConfig, backend: Backend | null, error: string | null }
export interface ProviderProblem { field: string, message: string }

interface ProviderPlan {
  registry: ProviderRegistry
  entries: BackendEntry[]
  stages: ProvidersView['stages']
  problems: ProviderProblem[]
}

const REGISTRY_STAGE: Record<TextStage, 'inputSafety' | 'interception' | 'translation' | 'preOutputSafety'> = {
  input_safety: 'inputSafety', interception: 'interception', translation: 'translation', pre_output_safety: 'preOutputSafety',
}

/** The built-in generators share one gate, so a class's worth of CPU rendering stays bounded. */
export class GatedGenerator implements GenerationProvider {
  constructor(private inner: GenerationProvider, readonly gate: BackendGate) {}
  get id() { return this.inner.id }
  get model() { return this.inner.model }
  get mediaType() { return this.inner.mediaType }
  generate(input: GenerationInput) {
    return this.gate.run(() => this.inner.generate(input), { signal: input.signal, onWaiting: input.onWaiting })
  }
}

/** Built-in providers plus every configured backend, as the settings say; `previous` backends with an unchanged config are kept (with their gates). */
export function planProviders(settings: ProviderSettings, builtin: ProviderRegistry, previous: BackendEntry[] = [], outputs: OutputConfig[] = []): ProviderPlan {
  const kept = new Map(previous.map(entry => [JSON.stringify(entry.config), entry]))
  const problems: ProviderProblem[] = []
  const entries = settings.backends.map((config): BackendEntry => {
    const same = kept.get(JSON.stringify(config))
    if (same) return same
    try {
      return { config, backend: createBackend(config), error: null }
    }
    catch {
      return { config, backend: null, error: `the backend type "${config.type}" is not available in this build` }
    }
  })
  const registry: ProviderRegistry = { ...builtin, generators: new Map(builtin.generators) }
  for (const entry of entries) if (entry.backend?.generator) registry.generators.set(entry.config.id, entry.backend.generator)
  const stages = {} as ProvidersView['stages']
  for (const stage of TEXT_STAGES) {
    const key = REGISTRY_STAGE[stage]
    const assignment = settings.stages[stage]
    const provider = assignment && assignment.backend !== 'builtin' ? stageProvider(stage, assignment, entries, builtin, problems) : null
    if (provider) (registry as unknown as Record<string, unknown>)[key] = provider
    stages[stage] = { provider: provider ? assignment!.backend : 'builtin', model: registry[key].model }
  }
  const vision = settings.stages.image_safety
  registry.imageSafety = vision && vision.backend !== 'builtin' ? imageSafetyProvider(vision, entries, problems) : null
  stages.image_safety = registry.imageSafety ? { provider: vision!.backend, model: registry.imageSafety.model } : { provider: 'builtin', model: 'nsfwjs' }
  for (const mediaType of ['image', 'audio'] as const) {
    const id = settings.default_outputs[mediaType]
    if (id && outputs.length && !outputs.some(output => output.id === id && output.media_type === mediaType)) {
      problems.push({ field: `default_outputs.${mediaType}`, message: `Default ${mediaType} output: there is no ${mediaType} output "${id}"` })
    }
  }
  return { registry, entries, stages, problems }
}

function stageProvider(stage: TextStage, assignment: StageAssignment, entries: BackendEntry[], builtin: ProviderRegistry, problems: ProviderProblem[]) {
  const field = `stages.${stage}`
  const say = (message: string) => { problems.push({ field, message: `Stage "${stage}": ${message}` }); return null }
  const entry = entries.find(candidate => candidate.config.id === assignment.backend)
  if (!entry) return say(`no backend "${assignment.backend}" is configured`)
  if (!entry.backend) return say(`${entry.error} (backend "${entry.config.id}")`)
  const { chat } = entry.backend
  if (!chat) return say(`the backend "${entry.config.id}" (${entry.config.type}) has no language models`)
  if (!assignment.model) return say(`choose a model of the backend "${entry.config.id}"`)
  const id = entry.config.id
  try {
    if (stage === 'interception') return llmInterception(id, chat, assignment.model)
    if (stage === 'translation') return llmTranslation(id, chat, assignment.model)
    return llmSafety(id, chat, assignment.model, builtin[REGISTRY_STAGE[stage] as 'inputSafety' | 'preOutputSafety'])
  }
  catch (error) {
    return say(`the language model stage could not be set up: ${(error as Error).message}`)
  }
}

/** The vision model of the picture check: a backend whose models can look at pictures (Ollama, OpenAI-compatible). */
function imageSafetyProvider(assignment: StageAssignment, entries: BackendEntry[], problems: ProviderProblem[]): ImageClassifier | null {
  const say = (message: string) => { problems.push({ field: 'stages.image_safety', message: `Stage "image_safety": ${message}` }); return null }
  const entry = entries.find(candidate => candidate.config.id === assignment.backend)
  if (!entry) return say(`no backend "${assignment.backend}" is configured`)
  if (!entry.backend) return say(`${entry.error} (backend "${entry.config.id}")`)
  if (!entry.backend.imageClassifier) return say(`the backend "${entry.config.id}" (${entry.config.type}) cannot look at pictures; choose an Ollama vision model or an OpenAI-compatible moderation model`)
  if (!assignment.model) return say(`choose a model of the backend "${entry.config.id}"`)
  return entry.backend.imageClassifier(assignment.model)
}

const PROBE_TIMEOUT_MS = 3000

/**
 * The providers the pipeline uses now. `registry` is one object for the server's life, changed in
 * place on save, so every stage reads the current choice; a stage already running keeps its provider.
 */
export class LiveProviders {
  readonly registry: ProviderRegistry
  private plan: ProviderPlan
  private settings: ProviderSettings = EMPTY_SETTINGS

  constructor(private deps: { store: ProviderSettingsStore, builtin: ProviderRegistry, audit: AuditLog, outputs: () => OutputConfig[] }) {
    this.plan = planProviders(EMPTY_SETTINGS, deps.builtin)
    this.registry = this.plan.registry
  }

  /** At start: a broken assignment is a warning and that stage stays built-in. */
  async load(): Promise<ProviderProblem[]> {
    const settings = await this.deps.store.effective()
    const plan = planProviders(settings, this.deps.builtin, [], this.deps.outputs())
    this.swap(settings, plan)
    for (const problem of plan.problems) console.warn(`[providers] ${problem.message}; using the built-in provider`)
    for (const entry of plan.entries) if (entry.error) console.warn(`[providers] backend "${entry.config.id}": ${entry.error}`)
    return plan.problems
  }

  async view(): Promise<ProviderSettingsView> {
    return settingsView(await this.deps.store.file(), this.deps.store.env)
  }

  /** A leader's save: refused with a sentence when it does not hold together; otherwise stored and in use at once. */
  async save(update: ProviderSettingsUpdate, actor: string): Promise<ProviderSettingsView> {
    const { before, after } = await this.deps.store.update((current) => {
      const stored = settingsToStore(update, current, this.deps.store.env)
      const effective = overlay(stored, this.deps.store.env)
      const plan = planProviders(effective, this.deps.builtin, this.plan.entries, this.deps.outputs())
      const problem = plan.problems[0]
      if (problem) throw new ProviderSettingsProblem(400, problem.message, problem.field)
      this.swap(effective, plan)
      return stored
    })
    await this.deps.audit.add({ actor, action: 'providers.update', detail: auditDetail(before, after) })
    return this.view()
  }

  /** Output configs whose provider is configured are offered to students; the others wait in the catalog. */
  isAvailable(output: OutputConfig): boolean {
    return this.registry.generators.has(output.provider)
  }

  preferredOutput(mediaType: MediaType): string | undefined {
    return this.settings.default_outputs[mediaType as 'image' | 'audio']
  }

  /** Probes every backend at once, each for at most 3 s. */
  async status(outputs: OutputConfig[], defaultOf: (mediaType: MediaType) => string | undefined): Promise<ProvidersView> {
    const backends = await Promise.all(this.plan.entries.map(async (entry) => {
      const probe = entry.backend
        ? await probeBackend(entry.backend, PROBE_TIMEOUT_MS)
        : { reachable: false, error: entry.error, latency_ms: null, models: [] }
      const { id, type, url, concurrency } = entry.config
      return { id, type, url, concurrency, ...probe, active: entry.backend?.gate.active ?? 0, waiting: entry.backend?.gate.waiting ?? 0 }
    }))
    return {
      backends,
      stages: this.plan.stages,
      outputs: outputs.map(output => ({
        id: output.id, media_type: output.media_type, provider: output.provider, model: output.model ?? null,
        available: this.isAvailable(output), default: defaultOf(output.media_type) === output.id,
      })),
    }
  }

  private swap(settings: ProviderSettings, plan: ProviderPlan) {
    Object.assign(this.registry, plan.registry)
    this.plan = { ...plan, registry: this.registry }
    this.settings = settings
  }
}

/** Which backends, stages and defaults changed; never a key, only that one was changed. */
function auditDetail(before: ProviderSettings, after: ProviderSettings) {
  const describe = (settings: ProviderSettings) => settings.backends.map(({ id, type, url }) => `${id} (${type}, ${url})`)
  const keysChanged = after.backends.filter(backend => before.backends.find(old => old.id === backend.id)?.api_key !== backend.api_key).map(backend => backend.id)
  return {
    old_backends: describe(before), new_backends: describe(after),
    old_stages: before.stages, new_stages: after.stages,
    old_default_outputs: before.default_outputs, new_default_outputs: after.default_outputs,
    api_keys_changed: keysChanged,
  }
}
