import type { BackendConfig } from '#shared/schemas/providers'
import { authorization, backendLabel, baseUrl } from '../backends/backend-config'
import { BackendError } from '../backends/backend-error'
import type { BackendGate } from '../backends/backend-gate'
import { backendFetch, readJson, sleep, type BackendRequestOptions } from '../backends/backend-http'
import type { Backend, BackendProbe } from '../backends/backend'
import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../types'
import { downloadMedia, explainKeyProblem, type HostedOptions } from './hosted-media'
import { pictureAssignments, picturePlaceholdersIn, picturesFor } from '../picture-placeholders'
import { pictureDataUrl } from './picture-data-url'
import { progressFromLogs, replicateInput, replicateTarget, type ReplicateTarget } from './replicate-input'

type PredictionStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'aborted'

interface Prediction {
  id: string
  status: PredictionStatus
  output: unknown
  /** Usually a sentence; some models fail with an object. */
  error: unknown
  logs?: string | null
  created_at?: string
  completed_at?: string | null
  urls?: { get?: string, cancel?: string }
}

interface ReplicateModel { latest_version?: { id?: string } | null }

const POLL_INTERVAL_MS = 1000
const CANCEL_TIMEOUT_MS = 10_000

/** Result URLs come as one string, a list, or (some models) an object of named files. */
function outputUrls(output: unknown): string[] {
  if (typeof output === 'string') return [output]
  if (Array.isArray(output)) return output.filter((item): item is string => typeof item === 'string')
  if (output && typeof output === 'object') return Object.values(output).flatMap(outputUrls)
  return []
}

/** A failed prediction's `error` as words, whatever shape the model gave it. */
export function errorText(error: unknown): string {
  if (typeof error === 'string' && error.trim()) return error
  if (error && typeof error === 'object') {
    const said = (error as { message?: unknown, detail?: unknown }).message ?? (error as { detail?: unknown }).detail
    return typeof said === 'string' ? said : JSON.stringify(error)
  }
  return 'no reason given'
}

/**
 * Replicate predictions: create, follow `urls.get` until done, download the first result at once
 * (Replicate deletes results after an hour). Aborting — the run cancelled or `timeout_s` over —
 * sends `POST urls.cancel` so nobody pays for a picture no child will see.
 */
export function createReplicateGenerator(config: BackendConfig, gate: BackendGate, options: HostedOptions = {}): GenerationProvider {
  const label = backendLabel(config)
  const base = baseUrl(config)
  const origin = new URL(base).origin
  const headers = { 'content-type': 'application/json', ...authorization(config) }
  const interval = options.pollIntervalMs ?? POLL_INTERVAL_MS

  // The token goes only to the configured API, whatever URLs an answer names.
  const predictionUrl = (prediction: Prediction, which: 'get' | 'cancel') => {
    const named = prediction.urls?.[which]
    if (named && new URL(named).origin === origin) return named
    return `${base}/predictions/${prediction.id}${which === 'cancel' ? '/cancel' : ''}`
  }

  async function cancel(prediction: Prediction) {
    await fetch(predictionUrl(prediction, 'cancel'), { method: 'POST', headers, signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) }).catch(() => {})
  }

  async function follow(created: Prediction, input: GenerationInput, request: BackendRequestOptions): Promise<Prediction> {
    let prediction = created
    let polls = 0
    let waiting = false
    try {
      while (prediction.status === 'starting' || prediction.status === 'processing') {
        await sleep(interval, request.signal)
        prediction = await readJson<Prediction>(await backendFetch(predictionUrl(prediction, 'get'), { headers }, request), label)
        polls += 1
        // Still `starting` after a poll means Replicate is finding or booting hardware: we wait
        // in its line, place unknown but next from our side, so the run's clock is paused.
        const nowWaiting = prediction.status === 'starting' && polls >= 2
        if (nowWaiting !== waiting) input.onWaiting?.(nowWaiting ? 1 : null)
        waiting = nowWaiting
        const progress = prediction.status === 'processing' ? progressFromLogs(prediction.logs) : null
        if (progress) input.onProgress?.(progress)
      }
    }
    finally {
      if (waiting) input.onWaiting?.(null)
    }
    return prediction
  }

  /** Replicate cancels at our `Cancel-After`: a prediction that ran that long was stopped by our own deadline. */
  const reachedDeadline = (prediction: Prediction) => {
    const ran = Date.parse(prediction.completed_at ?? '') - Date.parse(prediction.created_at ?? '')
    return Number.isFinite(ran) && ran >= config.timeout_s * 1000 - 1000
  }

  function finished(prediction: Prediction): string {
    const what = `${label} prediction ${prediction.id}`
    if (prediction.status === 'failed') throw new BackendError('rejected', `${what} failed: ${errorText(prediction.error)}`)
    if (prediction.status === 'canceled' && reachedDeadline(prediction)) throw new BackendError('timeout', `${what} did not finish within ${config.timeout_s} s (Replicate cancelled it at our deadline)`)
    if (prediction.status === 'canceled') throw new BackendError('cancelled', `${what} was canceled on Replicate (not by this server)`)
    if (prediction.status === 'aborted') throw new BackendError('timeout', `${what} was aborted by Replicate before it ran (its deadline passed while waiting for hardware)`)
    if (prediction.status !== 'succeeded') throw new BackendError('bad_answer', `${what} has an unknown status "${String(prediction.status)}"`)
    const url = outputUrls(prediction.output)[0]
    if (!url) throw new BackendError('bad_answer', `${what} succeeded without an output file`)
    return url
  }

  // Replicate cancels the prediction itself at our deadline, also when this server is gone by then.
  const createHeaders = { ...headers, 'cancel-after': `${Math.max(5, Math.ceil(config.timeout_s))}s` }

  const post = async (path: string, body: Record<string, unknown>, request: BackendRequestOptions) =>
    readJson<Prediction>(await backendFetch(`${base}${path}`, { method: 'POST', headers: createHeaders, body: JSON.stringify(body) }, request), label)

  /**
   * `owner/name` runs by name only for Replicate's official models; any other model answers 404
   * there and is run by its latest version (GET /models/{owner}/{name}), as Replicate's own
   * clients do.
   */
  async function create(target: ReplicateTarget, modelInput: Record<string, unknown>, request: BackendRequestOptions): Promise<Prediction> {
    try {
      return await post(target.path, target.body(modelInput), request)
    }
    catch (error) {
      if (!target.model || !(error instanceof BackendError) || error.status !== 404) throw error
    }
    const model = await readJson<ReplicateModel>(await backendFetch(`${base}/models/${target.model}`, { headers }, request), label)
    const version = model.latest_version?.id
    if (!version) throw new BackendError('rejected', `${label}: the model ${target.model} has no version to run`)
    return post('/predictions', { version, input: modelInput }, request)
  }

  async function generate(input: GenerationInput): Promise<GeneratedMedia> {
    const { output } = input
    const target = replicateTarget(output.model)
    if (!target) throw new BackendError('rejected', `${label}: output ${output.id} must name its model as "owner/name" or "owner/name:version", not "${output.model ?? ''}"`)
    const used = picturePlaceholdersIn(output.parameters.input)
    const pictures = await Promise.all(picturesFor(output, input.pictures, used, label).map(pictureDataUrl))
    const deadline = AbortSignal.timeout(config.timeout_s * 1000)
    const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline
    const request: BackendRequestOptions = { label, retries: config.retries, timeoutMs: config.timeout_s * 1000, signal, backoffMs: options.backoffMs }
    let prediction: Prediction | null = null
    try {
      // A run cancelled while the prediction is being created lets the create finish: only with the
      // prediction's id can it be cancelled on Replicate, else it runs (and is paid for) until Cancel-After.
      prediction = await create(target, replicateInput(output, input.prompt, input.seed, input.music, pictureAssignments(used, pictures)), { ...request, signal: deadline })
      signal.throwIfAborted()
      prediction = await follow(prediction, input, request)
      return await downloadMedia(finished(prediction), output.media_type, request)
    }
    catch (error) {
      if (!signal.aborted) throw explainKeyProblem(error, label)
      if (prediction && (prediction.status === 'starting' || prediction.status === 'processing')) await cancel(prediction)
      if (input.signal?.aborted) throw input.signal.reason
      throw new BackendError('timeout', `${label} did not finish within ${config.timeout_s} s${prediction ? ` (prediction ${prediction.id} cancelled)` : ''}`)
    }
  }

  return {
    id: config.id,
    model: 'per output config',
    // One generator serves every media type; each output config says which it wants.
    mediaType: 'image',
    generate: input => gate.run(() => generate(input), { signal: input.signal, onWaiting: input.onWaiting }),
  }
}

/** Replicate answers who the token belongs to; the models are whatever output configs name. */
export async function probeReplicate(config: BackendConfig, signal?: AbortSignal, options: HostedOptions = {}): Promise<BackendProbe> {
  const label = backendLabel(config)
  const started = Date.now()
  await backendFetch(`${baseUrl(config)}/account`, { headers: authorization(config) }, { label, retries: 0, timeoutMs: 10_000, signal, backoffMs: options.backoffMs })
    .catch((error: unknown) => { throw explainKeyProblem(error, label) })
  return { reachable: true, error: null, latency_ms: Date.now() - started, models: [] }
}

export function createReplicateBackend(config: BackendConfig, gate: BackendGate, options: HostedOptions = {}): Backend {
  return {
    config,
    gate,
    probe: signal => probeReplicate(config, signal, options),
    generator: createReplicateGenerator(config, gate, options),
  }
}
