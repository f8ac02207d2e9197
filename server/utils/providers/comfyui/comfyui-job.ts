import { randomUUID } from 'node:crypto'
import type { MediaType } from '#shared/schemas/common'
import type { Progress } from '#shared/schemas/run'
import { BackendError } from '../backends/backend-error'
import type { WaitingReporter } from '../backends/backend-gate'
import { sleep } from '../backends/backend-http'
import type { ComfyuiClient, ComfyuiFile, ComfyuiHistoryEntry } from './comfyui-client'
import { ComfyuiSocket, type ComfyuiEvent } from './comfyui-socket'
import type { ComfyuiWorkflow } from './comfyui-workflow'

export interface ComfyuiJobInput {
  workflow: ComfyuiWorkflow
  mediaType: MediaType
  /** Aborts on cancel and on the job's deadline; its reason is what the job throws. */
  signal: AbortSignal
  onProgress?: (progress: Progress) => void
  onWaiting?: WaitingReporter
  pollMs: number
}

export interface ComfyuiResult { file: ComfyuiFile, data: Buffer, mime: string | null }

/** Output keys of a node's `output` that hold files of each media type. */
const FILE_KEYS: Record<MediaType, string[]> = { image: ['images'], audio: ['audio'], video: ['gifs', 'videos'] }
const SOCKET_OPEN_MS = 5_000
const CANCEL_MS = 5_000

/**
 * One prompt on ComfyUI, from submit to the copied file: events from /ws while it is open,
 * /history and /queue polls otherwise. The file is copied the moment a node names it, since
 * ComfyUI forgets its history when it restarts.
 */
export async function runComfyuiJob(client: ComfyuiClient, input: ComfyuiJobInput): Promise<ComfyuiResult> {
  const { signal } = input
  const clientId = randomUUID()
  const socket = await ComfyuiSocket.open(client.socketUrl(clientId), Math.min(SOCKET_OPEN_MS, input.pollMs * 10), signal)
  let job: ComfyuiJob | null = null
  try {
    signal.throwIfAborted()
    const submitted = await client.submit(input.workflow, clientId, signal)
    job = new ComfyuiJob(client, input, submitted.prompt_id, submitted.number)
    return await job.follow(socket)
  }
  catch (error) {
    if (signal.aborted) {
      await job?.cancelOnBackend()
      throw signal.reason
    }
    throw error
  }
  finally {
    socket?.close()
  }
}

class ComfyuiJob {
  private started = false
  private finished = false
  // null at first: the gate already said "starting"; only a number reported here needs its null.
  private position: number | null = null
  private kept: ComfyuiResult | null = null
  private readonly copied = new Set<string>()

  constructor(
    private readonly client: ComfyuiClient,
    private readonly input: ComfyuiJobInput,
    readonly promptId: string,
    private readonly number: number,
  ) {}

  async follow(socket: ComfyuiSocket | null): Promise<ComfyuiResult> {
    const { signal, pollMs } = this.input
    await this.checkQueue()
    while (!this.finished) {
      if (socket?.open) {
        const event = await socket.next(pollMs, signal)
        if (event === 'idle') {
          if (!this.started) await this.checkQueue()
        }
        else if (event !== 'closed') {
          await this.onEvent(event)
        }
      }
      else {
        await this.pollHistory()
        if (!this.finished) await sleep(pollMs, signal)
      }
    }
    if (!this.kept) {
      // The events may have named no file (a dropped frame); the history has them all.
      const entry = await this.client.history(this.promptId, signal)
      if (entry) await this.copyOutputs(entry.outputs ?? {})
    }
    if (!this.kept) {
      throw new BackendError('bad_answer', `${this.client.label} finished the workflow but it saved no ${this.input.mediaType} (does it end in a ${this.input.mediaType === 'audio' ? 'SaveAudio' : 'SaveImage'} node?)`)
    }
    return this.kept
  }

  /** Interrupts the prompt if it runs, takes it out of ComfyUI's queue if it waits. Never throws. */
  async cancelOnBackend() {
    const signal = AbortSignal.timeout(CANCEL_MS)
    let running = this.started
    let pending = !this.started
    try {
      const queue = await this.client.queue(signal)
      running = queue.running.some(entry => entry[1] === this.promptId)
      pending = queue.pending.some(entry => entry[1] === this.promptId)
    }
    catch { /* go by what the events said */ }
    await Promise.all([
      running ? this.client.interrupt(this.promptId, signal).catch(() => {}) : null,
      pending ? this.client.removeFromQueue(this.promptId, signal).catch(() => {}) : null,
    ])
  }

  private async onEvent({ type, data }: ComfyuiEvent) {
    if (type === 'status') {
      if (!this.started) await this.checkQueue()
      return
    }
    // Events of other prompts (ComfyUI broadcasts those submitted without a client id) are not ours.
    const ours = data.prompt_id === this.promptId || (data.prompt_id === undefined && this.started)
    if (!ours) return
    switch (type) {
      case 'execution_start':
        this.markStarted()
        break
      case 'executing':
        if (data.node === null) this.finished = true
        else this.markStarted()
        break
      case 'progress': {
        const value = Number(data.value)
        const max = Number(data.max)
        if (Number.isFinite(value) && max > 0) this.input.onProgress?.({ value: Math.max(0, value), max })
        break
      }
      case 'executed':
        await this.copyOutputs({ [String(data.node)]: (data.output ?? {}) as Record<string, unknown> })
        break
      case 'execution_success':
        this.finished = true
        break
      case 'execution_error':
        throw this.executionError(data)
      case 'execution_interrupted':
        throw this.interrupted(data)
    }
  }

  private async pollHistory() {
    const { signal } = this.input
    let entry = await this.client.history(this.promptId, signal)
    if (!entry) {
      if (await this.checkQueue()) return
      // It may have finished between the two questions; ask once more before calling it lost.
      entry = await this.client.history(this.promptId, signal)
      if (!entry) throw new BackendError('bad_answer', `${this.client.label} forgot the job (restarted?): prompt ${this.promptId} is neither in its queue nor in its history`)
    }
    this.markStarted()
    await this.copyOutputs(entry.outputs ?? {})
    this.readStatus(entry)
  }

  private readStatus(entry: ComfyuiHistoryEntry) {
    const messages = entry.status?.messages ?? []
    const failure = messages.find(([type]) => type === 'execution_error')
    if (failure) throw this.executionError(failure[1])
    const interruption = messages.find(([type]) => type === 'execution_interrupted')
    if (interruption) throw this.interrupted(interruption[1])
    if (entry.status?.status_str === 'error') throw new BackendError('server_error', `${this.client.label} could not run the workflow (status "error")`)
    // Older ComfyUI writes no status; a history entry only exists once the prompt is done.
    this.finished = true
  }

  /** Reports the place in ComfyUI's own queue; true while the prompt is still there. */
  private async checkQueue(): Promise<boolean> {
    const { running, pending } = await this.client.queue(this.input.signal)
    if (running.some(entry => entry[1] === this.promptId)) {
      this.markStarted()
      return true
    }
    if (!pending.some(entry => entry[1] === this.promptId)) return false
    // The pending list is not sorted: count the entries that will run before ours.
    const ahead = pending.filter(entry => entry[0] < this.number).length + running.length
    this.report(Math.max(1, ahead))
    return true
  }

  private markStarted() {
    if (this.started) return
    this.started = true
    this.report(null)
  }

  private report(position: number | null) {
    if (position === this.position) return
    this.position = position
    this.input.onWaiting?.(position)
  }

  private async copyOutputs(outputs: Record<string, Record<string, unknown>>) {
    for (const output of Object.values(outputs)) {
      for (const key of FILE_KEYS[this.input.mediaType]) {
        const files = output[key]
        if (!Array.isArray(files)) continue
        for (const file of files as ComfyuiFile[]) await this.copy(file)
      }
    }
  }

  /** Keeps the first saved file of the media type; a preview (type temp) only until a saved one comes. */
  private async copy(file: ComfyuiFile) {
    if (!file?.filename) return
    const key = `${file.type}/${file.subfolder}/${file.filename}`
    if (this.copied.has(key)) return
    if (this.kept && (this.kept.file.type === 'output' || file.type !== 'output')) return
    this.copied.add(key)
    const { data, mime } = await this.client.view(file, this.input.signal)
    this.kept = { file, data, mime }
  }

  private executionError(data: Record<string, unknown>) {
    const exception = `${data.exception_type ? `${String(data.exception_type)}: ` : ''}${String(data.exception_message ?? 'unknown error').trim()}`
    return new BackendError('server_error', `${this.client.label} failed at node ${String(data.node_id)} (${String(data.node_type)}): ${exception}`)
  }

  private interrupted(data: Record<string, unknown>) {
    const where = data.node_id ? ` at node ${String(data.node_id)} (${String(data.node_type)})` : ''
    return new BackendError('cancelled', `${this.client.label} interrupted the job${where}; was it cancelled in ComfyUI?`)
  }
}
