import { randomUUID } from 'node:crypto'
import type { MediaType } from '#shared/schemas/common'
import type { Progress } from '#shared/schemas/run'
import { BackendError } from '../backends/backend-error'
import type { WaitingReporter } from '../backends/backend-gate'
import { sleep } from '../backends/backend-http'
import { mediumOf } from '../../../../media/server-registry'
import type { ComfyuiClient, ComfyuiFile, ComfyuiHistoryEntry } from './comfyui-client'
import { describeSaved, savedFiles, type SavedFile } from './comfyui-outputs'
import { WorkflowProgress } from './comfyui-progress'
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

export interface ComfyuiResult { file: ComfyuiFile, data: Buffer, mime: string }

const SOCKET_OPEN_MS = 5_000
const CANCEL_MS = 5_000
/** While the socket is open, /queue and /history are still asked every this many polls. */
const POLLS_PER_CHECK = 5

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
    // Chosen here so a submit that timed out can be looked for before it is sent again, and a
    // cancel during the submit can take back a prompt that got in all the same.
    const promptId = randomUUID()
    job = new ComfyuiJob(client, input, promptId)
    const submitted = await client.submit(input.workflow, clientId, promptId, signal)
    job = new ComfyuiJob(client, input, submitted.prompt_id, submitted.number)
    if (submitted.problems.length > 0) {
      // ComfyUI queued only the outputs that passed; what is left would not be what the output asks for.
      await job.cancelOnBackend()
      throw new BackendError('rejected', `${client.config.id} rejected part of the workflow: ${submitted.problems.join('; ')}`)
    }
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
  private readonly seen: SavedFile[] = []
  private readonly progress: WorkflowProgress

  constructor(
    private readonly client: ComfyuiClient,
    private readonly input: ComfyuiJobInput,
    readonly promptId: string,
    private readonly number = Number.MAX_SAFE_INTEGER,
  ) {
    this.progress = new WorkflowProgress(Object.keys(input.workflow), value => input.onProgress?.(value))
  }

  async follow(socket: ComfyuiSocket | null): Promise<ComfyuiResult> {
    const { signal, pollMs } = this.input
    await this.check()
    let lastCheck = Date.now()
    while (!this.finished) {
      if (socket?.open) {
        const event = await socket.next(pollMs, signal)
        if (event !== 'idle' && event !== 'closed') await this.onEvent(event)
        // Events do not tell everything: a cleared queue sends none for us, and ComfyUI drops
        // a message it fails to send (server.py send_socket_catch_exception).
        if (!this.finished && Date.now() - lastCheck >= pollMs * POLLS_PER_CHECK) {
          await this.check()
          lastCheck = Date.now()
        }
      }
      else {
        await this.check()
        if (!this.finished) await sleep(pollMs, signal)
      }
    }
    if (!this.kept) {
      // The events may have named no file (a dropped frame); the history has them all.
      const entry = await this.client.history(this.promptId, signal)
      if (entry) await this.copyOutputs(entry.outputs ?? {})
    }
    if (!this.kept) throw this.noMedium()
    this.progress.done()
    return this.kept
  }

  /**
   * Interrupts the prompt only when ComfyUI says it is the one running (older servers ignore the
   * prompt_id of /interrupt and would stop someone else's); takes it out of the queue if it waits.
   * Never throws.
   */
  async cancelOnBackend() {
    const signal = AbortSignal.timeout(CANCEL_MS)
    let running = false
    try {
      const queue = await this.client.queue(signal)
      running = queue.running.some(entry => entry[1] === this.promptId)
    }
    catch { /* unsure: better leave a prompt running than stop a stranger's */ }
    await Promise.all([
      running ? this.client.interrupt(this.promptId, signal).catch(() => {}) : null,
      running ? null : this.client.removeFromQueue(this.promptId, signal).catch(() => {}),
    ])
  }

  private async onEvent({ type, data }: ComfyuiEvent) {
    if (type === 'status') {
      // Sent to everyone whenever the queue changes: our place moved, or the queue was cleared.
      if (!this.started) await this.check()
      return
    }
    // Events of other prompts (ComfyUI broadcasts those submitted without a client id) are not ours.
    const ours = data.prompt_id === this.promptId || (data.prompt_id === undefined && this.started)
    if (!ours) return
    switch (type) {
      case 'execution_start':
        this.markStarted()
        break
      case 'execution_cached':
        this.progress.cached(data.nodes)
        break
      case 'executing':
        // main.py sends `node: null` after it wrote the history; execution_success comes before.
        if (data.node === null) this.finished = true
        else {
          this.markStarted()
          this.progress.executing(String(data.node))
        }
        break
      case 'progress':
        this.progress.step(data.node, data.value, data.max)
        break
      case 'progress_state':
        this.progress.state(data.nodes)
        break
      case 'executed':
        await this.copyOutputs({ [String(data.node)]: (data.output ?? {}) as Record<string, unknown> })
        this.progress.finished(String(data.node))
        break
      case 'execution_error':
        throw this.nodeFailure(data)
      case 'execution_interrupted':
        throw this.interrupted(data)
    }
  }

  /**
   * Asks ComfyUI where the prompt is: queued (its place is reported), running, done (the history
   * is read) or nowhere. The queue is asked first: ComfyUI takes a prompt out of it and writes its
   * history in one step (PromptQueue.task_done), so one that left the queue is in the history.
   */
  private async check() {
    const { signal } = this.input
    const { running, pending } = await this.client.queue(signal)
    if (running.some(entry => entry[1] === this.promptId)) return this.markStarted()
    if (pending.some(entry => entry[1] === this.promptId)) {
      // The pending list is not sorted: count the entries that will run before ours.
      const ahead = pending.filter(entry => entry[0] < this.number).length + running.length
      return this.report(Math.max(1, ahead))
    }
    const entry = await this.client.history(this.promptId, signal)
    if (!entry) {
      throw new BackendError('bad_answer', `${this.client.label} lost the job: prompt ${this.promptId} is neither in its queue nor in its history (was the queue cleared, or did ComfyUI restart?)`)
    }
    this.markStarted()
    await this.copyOutputs(entry.outputs ?? {})
    this.readStatus(entry)
  }

  private readStatus(entry: ComfyuiHistoryEntry) {
    const messages = entry.status?.messages ?? []
    const failure = messages.find(([type]) => type === 'execution_error')
    if (failure) throw this.nodeFailure(failure[1])
    const interruption = messages.find(([type]) => type === 'execution_interrupted')
    if (interruption) throw this.interrupted(interruption[1])
    if (entry.status?.status_str === 'error') throw new BackendError('failed', `${this.client.label} could not run the workflow (status "error")`)
    // Older ComfyUI writes no status; a history entry only exists once the prompt is done.
    this.finished = true
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
      for (const saved of savedFiles(output)) await this.copy(saved)
    }
  }

  /** Keeps the first saved file of the output's medium; a preview (type temp) only until a saved one comes. */
  private async copy(saved: SavedFile) {
    const { file } = saved
    const key = (other: ComfyuiFile) => `${other.type}/${other.subfolder}/${other.filename}`
    if (this.seen.some(other => key(other.file) === key(file))) return
    this.seen.push(saved)
    if (!mediumOf(this.input.mediaType).isComfyuiFile(saved)) return
    if (this.kept && (this.kept.file.type === 'output' || file.type !== 'output')) return
    const { data } = await this.client.view(file, this.input.signal)
    this.kept = { file, data, mime: saved.mime }
  }

  private noMedium() {
    const { mediaType } = this.input
    const found = this.seen.length > 0 ? `; it saved ${this.seen.map(describeSaved).join(', ')}` : ''
    return new BackendError('failed', `${this.client.label} finished the workflow but it saved no ${mediaType} (does it end in ${mediumOf(mediaType).comfyuiSaveNode}?)${found}`)
  }

  private nodeFailure(data: Record<string, unknown>) {
    const exception = `${data.exception_type ? `${String(data.exception_type)}: ` : ''}${String(data.exception_message ?? 'unknown error').trim()}`
    return new BackendError('failed', `${this.client.label} failed at node ${String(data.node_id)} (${String(data.node_type)}): ${exception}`)
  }

  private interrupted(data: Record<string, unknown>) {
    const where = data.node_id ? ` at node ${String(data.node_id)} (${String(data.node_type)})` : ''
    return new BackendError('cancelled', `${this.client.label} interrupted the job${where}; was it cancelled in ComfyUI?`)
  }
}
