import type { BackendConfig } from '#shared/schemas/providers'
import { backendLabel } from '../backends/backend-config'
import { BackendError } from '../backends/backend-error'
import { backendFetch, readJson, retryDelayMs, sleep } from '../backends/backend-http'
import type { InputPicture } from '../types'
import type { ComfyuiWorkflow } from './comfyui-workflow'

/** One file a node saved, as /history and the `executed` event name it. */
export interface ComfyuiFile { filename: string, subfolder: string, type: string }

/** [number, prompt_id, prompt, extra_data, outputs_to_execute] */
export type ComfyuiQueueEntry = [number, string, unknown, unknown, unknown]

/** An accepted prompt; `problems` names the nodes ComfyUI dropped from it (a 200 with node_errors). */
export interface ComfyuiSubmission { prompt_id: string, number: number, problems: string[] }

export interface ComfyuiHistoryEntry {
  outputs?: Record<string, Record<string, unknown>>
  status?: { status_str?: string, completed?: boolean, messages?: [string, Record<string, unknown>][] }
}

interface NodeError { type?: string, message?: string, details?: string, extra_info?: { input_name?: string } }
interface RejectionBody {
  error?: { type?: string, message?: string, details?: string } | string
  node_errors?: Record<string, { errors?: NodeError[], class_type?: string }> | unknown[]
}

export interface ComfyuiTuning {
  /** First backoff step between retries (tests make it small). */
  backoffMs?: number
  /** How often /queue and /history are asked while waiting. */
  pollMs?: number
}

/** The HTTP side of ComfyUI's API (server.py), every call through backendFetch's retry rule. */
export class ComfyuiClient {
  readonly label: string
  private readonly base: string

  constructor(readonly config: BackendConfig, private readonly tuning: ComfyuiTuning = {}) {
    this.label = backendLabel(config)
    this.base = config.url.endsWith('/') ? config.url : `${config.url}/`
  }

  url(path: string) {
    return new URL(path.replace(/^\//, ''), this.base).toString()
  }

  socketUrl(clientId: string) {
    const url = new URL(this.url(`ws?clientId=${encodeURIComponent(clientId)}`))
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    return url.toString()
  }

  /**
   * POST /prompt under a prompt id we chose. The POST is not idempotent, so after a timeout or
   * a 5xx the queue and history are asked whether the prompt got in before it is sent again.
   */
  async submit(workflow: ComfyuiWorkflow, clientId: string, promptId: string, signal: AbortSignal): Promise<ComfyuiSubmission> {
    const body = JSON.stringify({ prompt: workflow, client_id: clientId, prompt_id: promptId })
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.request('prompt', { method: 'POST', headers: { 'content-type': 'application/json' }, body }, signal, 0)
        const answer = await readJson<{ prompt_id?: string, number?: number, node_errors?: unknown }>(response, this.label)
        if (typeof answer.prompt_id !== 'string') throw new BackendError('bad_answer', `${this.label} accepted the workflow but sent no prompt_id`)
        return { prompt_id: answer.prompt_id, number: answer.number ?? Number.MAX_SAFE_INTEGER, problems: nodeProblems(answer) }
      }
      catch (error) {
        if (!(error instanceof BackendError)) throw error
        if (error.status === 400) throw new BackendError('rejected', describeRejection(this.config.id, error.body, error.message), 400, null, error.body)
        if (!error.retryable || attempt >= this.config.retries) throw error
        await sleep(retryDelayMs(error, attempt, this.tuning.backoffMs), signal)
        const arrived = await this.find(promptId, signal)
        if (arrived) return arrived
      }
    }
  }

  /**
   * POST /upload/image (server.py image_upload) into ComfyUI's temp folder's `subfolder`, never
   * over another file (`overwrite=false`: ComfyUI answers another name then, or the same one for
   * the same bytes), so retrying is safe. The temp folder, not the input folder: ComfyUI empties it
   * at every start and exit (main.py cleanup_temp), so children's pictures do not pile up on the
   * GPU machine, and LoadImage's file list never shows them. Answers the name LoadImage loads it
   * by, annotated for that folder (folder_paths.annotated_filepath): "subfolder/name [temp]".
   */
  async uploadPicture(picture: InputPicture, fileName: string, subfolder: string, signal: AbortSignal): Promise<string> {
    const form = new FormData()
    form.append('image', new Blob([new Uint8Array(picture.data)], { type: picture.mime }), fileName)
    form.append('type', 'temp')
    form.append('subfolder', subfolder)
    form.append('overwrite', 'false')
    const answer = await readJson<{ name?: unknown, subfolder?: unknown }>(await this.request('upload/image', { method: 'POST', body: form }, signal), this.label)
    if (typeof answer.name !== 'string' || !answer.name) throw new BackendError('bad_answer', `${this.label} took the picture ${picture.file} but named no file for it`)
    const folder = typeof answer.subfolder === 'string' ? answer.subfolder : ''
    return `${folder ? `${folder}/${answer.name}` : answer.name} [temp]`
  }

  /** Where a prompt is: queued or running (with its number), done (in the history), or nowhere. */
  async find(promptId: string, signal: AbortSignal): Promise<ComfyuiSubmission | null> {
    const { running, pending } = await this.queue(signal)
    const queued = [...running, ...pending].find(entry => entry[1] === promptId)
    if (queued) return { prompt_id: promptId, number: queued[0], problems: [] }
    return await this.history(promptId, signal) ? { prompt_id: promptId, number: Number.MAX_SAFE_INTEGER, problems: [] } : null
  }

  async queue(signal: AbortSignal): Promise<{ running: ComfyuiQueueEntry[], pending: ComfyuiQueueEntry[] }> {
    const answer = await readJson<{ queue_running?: ComfyuiQueueEntry[], queue_pending?: ComfyuiQueueEntry[] }>(await this.request('queue', {}, signal), this.label)
    return { running: answer.queue_running ?? [], pending: answer.queue_pending ?? [] }
  }

  /** The prompt's history entry, or null while ComfyUI has none ({} — still queued, or forgotten). */
  async history(promptId: string, signal: AbortSignal): Promise<ComfyuiHistoryEntry | null> {
    const answer = await readJson<Record<string, ComfyuiHistoryEntry>>(await this.request(`history/${encodeURIComponent(promptId)}`, {}, signal), this.label)
    return answer[promptId] ?? null
  }

  async view(file: ComfyuiFile, signal: AbortSignal): Promise<{ data: Buffer, mime: string | null }> {
    const query = new URLSearchParams({ filename: file.filename, subfolder: file.subfolder ?? '', type: file.type ?? 'output' })
    const response = await this.request(`view?${query}`, {}, signal)
    return { data: Buffer.from(await response.arrayBuffer()), mime: response.headers.get('content-type') }
  }

  async interrupt(promptId: string, signal: AbortSignal) {
    await this.request('interrupt', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt_id: promptId }) }, signal, 0)
  }

  async removeFromQueue(promptId: string, signal: AbortSignal) {
    await this.request('queue', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delete: [promptId] }) }, signal, 0)
  }

  /** One retry: a kept-alive connection to a ComfyUI that restarted fails once before the real answer. */
  async systemStats(signal: AbortSignal) {
    return readJson<Record<string, unknown>>(await this.request('system_stats', {}, signal, 1), this.label)
  }

  /** Checkpoints CheckpointLoaderSimple can load, from /object_info (works on every ComfyUI version). */
  async checkpoints(signal: AbortSignal): Promise<string[]> {
    const answer = await readJson<Record<string, { input?: { required?: { ckpt_name?: unknown } } }>>(await this.request('object_info/CheckpointLoaderSimple', {}, signal, 0), this.label)
    return comboOptions(answer.CheckpointLoaderSimple?.input?.required?.ckpt_name)
  }

  private request(path: string, init: RequestInit, signal: AbortSignal, retries = this.config.retries) {
    return backendFetch(this.url(path), init, {
      label: this.label, retries, signal, backoffMs: this.tuning.backoffMs,
      timeoutMs: Math.min(this.config.timeout_s * 1000, 60_000),
    })
  }
}

/**
 * The choices of a combo input, as /object_info describes it: `[["a", "b"], {…}]` from classic
 * nodes, `["COMBO", { options: ["a", "b"] }]` from nodes written against comfy_api (io.Combo).
 */
export function comboOptions(spec: unknown): string[] {
  if (!Array.isArray(spec)) return []
  const [kind, extra] = spec as [unknown, { options?: unknown } | undefined]
  const options = kind === 'COMBO' ? extra?.options : kind
  return Array.isArray(options) ? options.filter((name): name is string => typeof name === 'string') : []
}

/** Each problem of an answer's node_errors: "node 6 (CLIPTextEncode) input "text": Required input is missing". */
export function nodeProblems(body: unknown): string[] {
  const nodeErrors = (body as RejectionBody | null)?.node_errors
  if (!nodeErrors || Array.isArray(nodeErrors)) return []
  const problems: string[] = []
  for (const [nodeId, nodeError] of Object.entries(nodeErrors)) {
    for (const error of nodeError.errors ?? []) {
      const input = error.extra_info?.input_name ? ` input "${error.extra_info.input_name}"` : ''
      const details = error.details && error.details !== error.extra_info?.input_name ? ` (${error.details})` : ''
      problems.push(`node ${nodeId} (${nodeError.class_type ?? 'unknown node'})${input}: ${error.message ?? error.type ?? 'invalid'}${details}`)
    }
  }
  return problems
}

/** "comfyui rejected the workflow: node 6 (CLIPTextEncode) input "text": Required input is missing" */
export function describeRejection(backendId: string, body: unknown, fallback: string): string {
  const problems = nodeProblems(body)
  if (problems.length > 0) return `${backendId} rejected the workflow: ${problems.join('; ')}`
  const answer = (body ?? {}) as RejectionBody
  const error = typeof answer.error === 'string' ? { message: answer.error } : answer.error
  if (error?.message) return `${backendId} rejected the workflow: ${error.message}${error.details ? ` (${error.details})` : ''}`
  return fallback
}
