import { createError } from 'h3'
import { detectLanguage } from '#shared/detect-language'
import { type Language, type SafetyLevel, stricterSafetyLevel } from '#shared/schemas/common'
import { type CreateRunRequest, isFinalStatus, type RunMetadata } from '#shared/schemas/run'
import type { RunQueue } from '../queue/run-queue'
import type { ParticipantRuns } from '../storage/participant-runs'
import { newRun } from './new-run'
import type { PipelineDeps } from './pipeline-deps'
import { interruptedFailure } from './run-errors'
import { pendingJobKind } from './run-job-handler'

export interface RunServiceDeps extends PipelineDeps {
  queue: RunQueue
  participants: ParticipantRuns
  /** The level the server enforces; a request may only make it stricter. */
  safetyLevel: SafetyLevel
  defaultLanguage: Language
}

const WAIT_POLL_MS = 200

/** Until course sessions exist, every run belongs to the open studio. */
export const STUDIO_SESSION_ID = 'studio'

const notFound = (what: string, id: string) => createError({ statusCode: 404, statusMessage: `Unknown ${what} "${id}"` })

/** What the routes ask of runs: create, edit, generate, cancel, look up. */
export class RunService {
  constructor(private deps: RunServiceDeps) {}

  async create(request: CreateRunRequest, participantId: string | null): Promise<RunMetadata> {
    const { catalog } = this.deps
    const perspective = catalog.perspective(request.perspective)
    if (!perspective) throw notFound('perspective', request.perspective)
    const output = request.output === undefined ? null : catalog.output(request.output)
    if (output === undefined) throw notFound('output', request.output!)
    if (perspective.student_rules && !request.context) {
      throw createError({ statusCode: 400, statusMessage: `The perspective "${perspective.id}" needs your own rules in "context"` })
    }
    const run = newRun({
      session_id: STUDIO_SESSION_ID,
      participant_id: participantId,
      perspective: perspective.id,
      input_text: request.input_text,
      context: request.context ?? null,
      language: detectLanguage(request.input_text) ?? request.language ?? this.deps.defaultLanguage,
      safety_level: request.safety_level ? stricterSafetyLevel(this.deps.safetyLevel, request.safety_level) : this.deps.safetyLevel,
      output: output?.id ?? null,
      seed: request.seed,
    })
    await this.deps.runs.create(run)
    if (participantId) await this.deps.participants.add(participantId, run.run_id)
    await this.deps.queue.enqueue({ runId: run.run_id, kind: 'prepare' })
    return run
  }

  /** A participant's own runs, newest first; `offset` and `limit` page through hundreds of them. */
  async gallery(participantId: string, offset: number, limit: number): Promise<{ runs: RunMetadata[], total: number }> {
    const ids = (await this.deps.participants.list(participantId)).reverse()
    const page = await Promise.all(ids.slice(offset, offset + limit).map(runId => this.deps.runs.get(runId)))
    return { runs: page.filter((run): run is RunMetadata => run !== null), total: ids.length }
  }

  /** Only the participant who made a run may mark it; anyone else is told it does not exist. */
  async setFavourite(runId: string, participantId: string, favourite: boolean): Promise<RunMetadata> {
    const run = await this.get(runId)
    if (run.participant_id !== participantId) throw notFound('run', runId)
    return this.deps.runs.update(runId, (latest) => { latest.favourite = favourite })
  }

  async get(runId: string): Promise<RunMetadata> {
    const run = await this.deps.runs.get(runId)
    if (!run) throw notFound('run', runId)
    return run
  }

  /** Polls the stored run until it ends or stops for the student; for the blocking compatibility route. */
  async waitForEnd(runId: string, timeoutMs: number): Promise<RunMetadata> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const run = await this.get(runId)
      if (isFinalStatus(run.status) || run.status === 'awaiting_output' || Date.now() > deadline) return run
      await new Promise(resolve => setTimeout(resolve, WAIT_POLL_MS))
    }
  }

  async editInterception(runId: string, text: string): Promise<RunMetadata> {
    await this.get(runId)
    return this.deps.runs.update(runId, (run) => {
      if (run.status !== 'awaiting_output') throw conflict(`The text can only be edited before generating; this run is ${run.status}`)
      run.interception_text = text
      run.prompt_history.push({ at: new Date().toISOString(), source: 'student', text })
    })
  }

  /** Starts stages 3–4; also the retry of a run whose generation failed. */
  async generate(runId: string, request: { output: string, prompt?: string }): Promise<RunMetadata> {
    await this.get(runId)
    const output = this.deps.catalog.output(request.output)
    if (!output) throw notFound('output', request.output)
    const run = await this.deps.runs.update(runId, (run) => {
      const retry = run.status === 'failed' && run.error?.retryable && run.interception_text !== null
      if (run.status !== 'awaiting_output' && !retry) throw conflict(`This run cannot generate now; it is ${run.status}`)
      if (request.prompt !== undefined && request.prompt !== run.interception_text) {
        run.interception_text = request.prompt
        run.prompt_history.push({ at: new Date().toISOString(), source: 'generate_request', text: request.prompt })
      }
      Object.assign(run, { output: output.id, status: 'queued', error: null, attempts: 0, generation_prompt: null })
    })
    await this.deps.queue.enqueue({ runId, kind: 'generate' })
    return run
  }

  async cancel(runId: string): Promise<RunMetadata> {
    const current = await this.get(runId)
    if (current.status !== 'queued' && current.status !== 'running') throw conflict(`Only waiting or running runs can be cancelled; this run is ${current.status}`)
    await this.deps.runs.update(runId, (run) => { run.cancel_requested = true })
    await this.deps.queue.cancel(runId)
    // A job that was only waiting never runs, so nobody else would write the end.
    return this.deps.runs.update(runId, (run) => {
      if (run.status === 'queued') run.status = 'cancelled'
    })
  }

  /** After a restart: unfinished runs go back into the queue, or fail if they were tried too often. */
  async recoverActiveRuns(): Promise<{ requeued: number, failed: number }> {
    let requeued = 0
    let failed = 0
    for (const runId of await this.deps.runs.activeRunIds()) {
      const run = await this.deps.runs.get(runId)
      const kind = run ? pendingJobKind(run) : null
      if (!run || !kind) continue
      if (run.attempts >= this.deps.maxRunAttempts) {
        await this.deps.runs.update(runId, (latest) => {
          latest.status = 'failed'
          latest.error = interruptedFailure(latest.stage, latest.attempts)
        })
        failed += 1
        continue
      }
      await this.deps.queue.enqueue({ runId, kind })
      requeued += 1
    }
    return { requeued, failed }
  }
}

const conflict = (statusMessage: string) => createError({ statusCode: 409, statusMessage })
