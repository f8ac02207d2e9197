import { createError } from 'h3'
import { detectLanguage } from '#shared/detect-language'
import { type Language, stricterSafetyLevel } from '#shared/schemas/common'
import { type CreateRunRequest, isFinalStatus, type RunMetadata, type StageName } from '#shared/schemas/run'
import type { OutputConfig } from '#shared/schemas/output'
import type { CourseSession, Participant } from '#shared/schemas/session'
import { KeyedMutex } from '../keyed-mutex'
import type { RunQueue } from '../queue/run-queue'
import type { SessionStore } from '../sessions/session-store'
import type { ParticipantRuns } from '../storage/participant-runs'
import type { UploadStore } from '../uploads/upload-store'
import { newRun } from './new-run'
import { copyPicturesIntoRun, pictureGone } from './run-pictures'
import type { PipelineDeps } from './pipeline-deps'
import { interruptedFailure } from './run-errors'
import { pendingJobKind } from './run-job-handler'
import { studentRulesFor } from './run-rules'
import { checkMachineText } from './stages'
import { pendingStage } from './stage-runner'
import { blockedMessage } from '#shared/blocked-messages'
import { isBuiltinProviderId } from '#shared/schemas/providers'
import type { MachineTextView } from '#shared/schemas/run'
import type { SafetyVerdict } from '../providers/types'

export interface RunServiceDeps extends PipelineDeps {
  queue: RunQueue
  participants: ParticipantRuns
  /** Each run takes its safety level, allowances and limits from its session. */
  sessions: SessionStore
  defaultLanguage: Language
  /** Whether another instance is still alive (the coordinator's registry); its runs are left to it. */
  isInstanceAlive?: (instanceId: string) => Promise<boolean>
  /** Cross-process lock (the coordinator's): two instances must not adopt the same run. */
  withLock?: <T>(key: string, work: () => Promise<T>) => Promise<T>
  /** The students' uploaded pictures, copied into a run that names them; without it, runs take no pictures. */
  uploads?: Pick<UploadStore, 'readOwn' | 'markUsed'>
}

/** Who asks about a run: the participant cookie's owner, or a signed-in course leader. */
export interface RunViewer {
  participantId: string | null
  leader: boolean
}

const WAIT_POLL_MS = 200
const HOUR_MS = 60 * 60 * 1000

const notFound = (what: string, id: string) => createError({ statusCode: 404, statusMessage: `Unknown ${what} "${id}"` })

/** A refusal the student's page explains in the child's words; `reason` picks the message. */
const refused = (statusCode: number, reason: string, statusMessage: string, extra: Record<string, unknown> = {}) =>
  createError({ statusCode, statusMessage, data: { reason, ...extra } })

/** What the routes ask of runs: create, edit, generate, cancel, look up. */
export class RunService {
  /** Checking a participant's limits and creating the run happen as one step, so a double tap cannot slip past a limit. */
  private participantMutex = new KeyedMutex()

  constructor(private deps: RunServiceDeps) {}

  /** Starts a run in the participant's session, under that session's rules whatever the request says. */
  async create(request: CreateRunRequest, participant: Participant): Promise<RunMetadata> {
    const { catalog } = this.deps
    const session = await this.openSessionOf(participant)
    const perspective = catalog.perspective(request.perspective)
    if (!perspective) throw notFound('perspective', request.perspective)
    if (session.perspectives && !session.perspectives.includes(perspective.id)) {
      throw refused(403, 'perspective_not_allowed', `The perspective "${perspective.id}" is not part of the session "${session.name}"`)
    }
    const pictureIds = request.input_images ?? []
    if (pictureIds.length && (!session.picture_input || !this.deps.uploads)) {
      throw refused(403, 'pictures_off', 'Pictures are switched off in this course. Describe your idea in words instead.')
    }
    const output = request.output === undefined ? null : catalog.output(request.output, pictureIds.length)
    if (output === undefined) throw notFound('output', request.output!)
    if (output) this.assertOutputAllowed(session, output, pictureIds.length)
    // The student's own rules may come as `rules` (like every perspective's) or, as before, as `context`.
    const context = request.context ?? (perspective.student_rules ? request.rules : undefined)
    if (perspective.student_rules && !context) {
      throw createError({ statusCode: 400, statusMessage: `The perspective "${perspective.id}" needs your own rules in "context"` })
    }
    const participantId = participant.participant_id
    return this.exclusiveFor(participantId, async () => {
      await this.assertWithinLimits(session, participantId, { countNew: true })
      // Read before anything is written: a picture that is gone refuses the run, nothing is left behind.
      const pictures = pictureIds.length ? await copyPicturesIntoRun(this.deps.uploads!, pictureIds, participantId) : null
      const run = newRun({
        session_id: session.id,
        participant_id: participantId,
        perspective: perspective.id,
        input_text: request.input_text,
        context: context ?? null,
        rules: studentRulesFor(perspective, request.rules ?? (perspective.student_rules ? context : null)),
        language: detectLanguage(request.input_text) ?? request.language ?? this.deps.defaultLanguage,
        safety_level: request.safety_level ? stricterSafetyLevel(session.safety_level, request.safety_level) : session.safety_level,
        personal_data: session.personal_data,
        output: output?.id ?? null,
        seed: request.seed,
        lyrics: request.lyrics || null,
        tags: request.tags,
        input_images: pictures?.records,
      })
      if (run.lyrics) run.prompt_history.push({ at: run.created_at, source: 'student', kind: 'lyrics', text: run.lyrics })
      if (run.rules) run.prompt_history.push({ at: run.created_at, source: 'student', kind: 'rules', text: run.rules })
      // Ours until a job starts: another instance starting now must not queue it a second time.
      run.instance_id = this.deps.instanceId
      await this.deps.runs.create(run, pictures?.files)
      try {
        // The run has its own copies; marked used, the uploads are kept while the run exists.
        for (const [index, uploadId] of pictureIds.entries()) {
          await this.deps.uploads!.markUsed(uploadId, run.run_id).catch(() => { throw pictureGone(index + 1) })
        }
        await this.deps.participants.add(participantId, run.run_id)
        await this.deps.queue.enqueue({ runId: run.run_id, kind: 'prepare' })
      }
      catch (error) {
        // Nobody would ever work on it or see it: the student hears the error and may try again.
        await this.deps.runs.delete(run.run_id).catch(() => {})
        throw error
      }
      return run
    })
  }

  /** A participant's own runs, newest first, without hidden ones; `offset` and `limit` page through hundreds of them. */
  async gallery(participantId: string, offset: number, limit: number): Promise<{ runs: RunMetadata[], total: number }> {
    const ids = (await this.deps.participants.list(participantId)).reverse()
    const page = await Promise.all(ids.slice(offset, offset + limit).map(runId => this.deps.runs.get(runId)))
    return { runs: page.filter((run): run is RunMetadata => run !== null && !run.hidden), total: ids.length }
  }

  /** Only the participant who made a run may mark it; anyone else is told it does not exist. */
  async setFavourite(runId: string, participantId: string | null, favourite: boolean): Promise<RunMetadata> {
    await this.visibleRun(runId, { participantId, leader: false })
    return this.deps.runs.update(runId, (latest) => { latest.favourite = favourite })
  }

  async get(runId: string): Promise<RunMetadata> {
    const run = await this.deps.runs.get(runId)
    if (!run) throw notFound('run', runId)
    return run
  }

  /**
   * The run if this viewer may see it: its own participant (unless a leader hid it) or a leader.
   * Everyone else, including other sessions, hears 404: a 403 would confirm the run exists.
   */
  async visibleRun(runId: string, viewer: RunViewer): Promise<RunMetadata> {
    const run = await this.deps.runs.get(runId)
    if (run && (viewer.leader || (viewer.participantId !== null && run.participant_id === viewer.participantId && !run.hidden))) return run
    throw notFound('run', runId)
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

  /**
   * "Same idea, changed rules": the student's rules are checked now (a refusal keeps the rules
   * the run had and says why in the child's words), then the idea is transformed again by them:
   * stages 1–2 run once more and the run waits at awaiting_output again. Counts like a generation
   * against the session's runs in progress. Rules equal to the perspective's own bring those back.
   */
  async changeRules(runId: string, text: string): Promise<RunMetadata> {
    const current = await this.get(runId)
    if (current.status !== 'awaiting_output') throw conflict(`The rules can only be changed while the run waits for an output; this run is ${current.status}`)
    const perspective = this.deps.catalog.perspective(current.perspective)
    if (!perspective) throw notFound('perspective', current.perspective)
    const session = await this.openSessionOf({ session_id: current.session_id })
    const rules = studentRulesFor(perspective, text)
    await this.assertTextPasses('rules_blocked', 'These rules did not pass the check', current,
      () => this.deps.providers.inputSafety.check({ text, level: current.safety_level, language: current.language, signal: AbortSignal.timeout(this.deps.runTimeoutMs) }))
    const requeue = () => this.deps.runs.update(runId, (run) => {
      if (run.status !== 'awaiting_output') throw conflict(`The rules can only be changed while the run waits for an output; this run is ${run.status}`)
      run.rules = rules
      if (perspective.student_rules) run.context = rules ?? run.context
      run.prompt_history.push({ at: new Date().toISOString(), source: 'student', kind: 'rules', text })
      // Stages 1–2 again from the start: a run recovered after a crash must not skip to generating.
      run.stages = run.stages.map(stage => (RETRANSFORM_STAGES.includes(stage.name) ? pendingStage(stage.name) : stage))
      // The page shows the transformation again; the text before stays in the prompt history.
      Object.assign(run, { status: 'queued', stage: null, error: null, blocked: null, attempts: 0, interception_text: null, machine_text: null, generation_prompt: null, instance_id: this.deps.instanceId })
    })
    return this.queueAgain(session, current, requeue, 'prepare')
  }

  /**
   * "What the machine is told": the text the generator will receive for this output (the
   * interception, translated where the output needs English), shown only after it passed the
   * pre-output check of the run's level. Personal data never leaves the building for it.
   */
  async machineText(runId: string, outputId: string): Promise<MachineTextView> {
    const run = await this.get(runId)
    if (run.status !== 'awaiting_output' || run.interception_text === null) {
      throw conflict(`What the machine is told exists once the idea is transformed and before generating; this run is ${run.status}`)
    }
    const output = this.deps.catalog.output(outputId)
    if (!output) throw notFound('output', outputId)
    this.assertOutputAllowed(await this.openSessionOf({ session_id: run.session_id }), output, run.input_images.length)
    const { translation, preOutputSafety } = this.deps.providers
    const translate = output.needs_english && run.language !== 'en'
    if (translate && !isBuiltinProviderId(translation.id) && this.deps.personalData.find(run.interception_text).spans.length > 0) {
      throw refused(422, 'machine_text_blocked', 'The text names a person or contact details, which do not leave the building', { message: blockedMessage('personal_data') })
    }
    const signal = AbortSignal.timeout(this.deps.runTimeoutMs)
    let text: string
    try {
      text = translate ? (await translation.toEnglish({ text: run.interception_text, language: run.language, signal })).text : run.interception_text
    }
    catch {
      throw refused(503, 'machine_busy', 'The translation is not available right now; try again')
    }
    await this.assertTextPasses('machine_text_blocked', 'What the machine would be told did not pass the check', run,
      () => checkMachineText(preOutputSafety, { text, run, english: translate, studentEdit: false, signals: { signal } }))
    return { text, translated: translate, output: output.id }
  }

  /** Starts stages 3–4; also the retry of a run whose generation failed. */
  async generate(runId: string, request: { output: string, prompt?: string, machine_text?: string, lyrics?: string, tags?: string[] }): Promise<RunMetadata> {
    const current = await this.get(runId)
    const output = this.deps.catalog.output(request.output, current.input_images.length)
    if (!output) throw notFound('output', request.output)
    const session = await this.openSessionOf({ session_id: current.session_id })
    this.assertOutputAllowed(session, output, current.input_images.length)
    const machineText = request.machine_text
    if (machineText !== undefined) {
      // Checked now as well as at pre_output, so a refused edit keeps the run waiting with everything in it.
      await this.assertTextPasses('machine_text_blocked', 'The changed machine text did not pass the check', current,
        () => checkMachineText(this.deps.providers.preOutputSafety, { text: machineText, run: current, english: output.needs_english, studentEdit: true, signals: { signal: AbortSignal.timeout(this.deps.runTimeoutMs) } }))
    }
    const queueRun = () => this.deps.runs.update(runId, (run) => {
      const retry = run.status === 'failed' && run.error?.retryable && run.interception_text !== null
      if (run.status !== 'awaiting_output' && !retry) throw conflict(`This run cannot generate now; it is ${run.status}`)
      if (request.prompt !== undefined && request.prompt !== run.interception_text) {
        run.interception_text = request.prompt
        run.prompt_history.push({ at: new Date().toISOString(), source: 'generate_request', text: request.prompt })
      }
      // Empty lyrics leave the words to the perspective (lyrics-step.ts).
      if (request.lyrics !== undefined && (request.lyrics || null) !== run.lyrics) {
        run.lyrics = request.lyrics || null
        if (run.lyrics) run.prompt_history.push({ at: new Date().toISOString(), source: 'student', kind: 'lyrics', text: run.lyrics })
      }
      if (request.tags) run.tags = request.tags
      if (machineText !== undefined && machineText !== run.machine_text) {
        run.machine_text = machineText
        run.prompt_history.push({ at: new Date().toISOString(), source: 'student', kind: 'machine_text', text: machineText })
      }
      Object.assign(run, { output: output.id, status: 'queued', error: null, attempts: 0, generation_prompt: null, instance_id: this.deps.instanceId })
    })
    return this.queueAgain(session, current, queueRun, 'generate')
  }

  /**
   * Puts a run that waits back in the queue (transformed again, or generating): within the session's
   * limits for running runs, one such change per device at a time, then the job of `kind`.
   */
  private async queueAgain(session: CourseSession, current: RunMetadata, update: () => Promise<RunMetadata>, kind: 'prepare' | 'generate'): Promise<RunMetadata> {
    const participantId = current.participant_id
    const run = participantId
      ? await this.exclusiveFor(participantId, async () => {
        await this.assertWithinLimits(session, participantId, { countNew: false })
        return update()
      })
      : await update()
    await this.deps.queue.enqueue({ runId: current.run_id, kind })
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

  /**
   * At start-up, and every stall timeout while instances share a data dir without Redis:
   * unfinished runs of instances that are gone (crashed, stopped, or this process before a
   * restart) go back into this instance's queue, or fail if they were tried too often. Runs of
   * live instances stay with them (`elsewhere`). Each adopted run names this instance before it
   * is queued, under one lock for all instances, so no run is adopted twice.
   */
  async recoverActiveRuns(): Promise<{ requeued: number, failed: number, elsewhere: number }> {
    const lock = this.deps.withLock ?? ((_key, work) => work())
    return lock('adopt-runs', async () => {
      let requeued = 0
      let failed = 0
      let elsewhere = 0
      for (const runId of await this.deps.runs.activeRunIds()) {
        const run = await this.deps.runs.get(runId)
        // A crash between two writes can leave an entry for a run that ended or was never written.
        if (!run || isFinalStatus(run.status)) {
          await this.deps.runs.forgetIfNotActive(runId)
          continue
        }
        const kind = pendingJobKind(run)
        // Our own runs are in our queue already.
        if (!kind || run.instance_id === this.deps.instanceId) continue
        if (run.instance_id && await this.deps.isInstanceAlive?.(run.instance_id)) {
          elsewhere += 1
          continue
        }
        const previousOwner = run.instance_id
        let adopted = false
        const claimed = await this.deps.runs.update(runId, (latest) => {
          if (latest.instance_id !== previousOwner || pendingJobKind(latest) === null) return
          adopted = true
          latest.instance_id = this.deps.instanceId
          if (latest.attempts >= this.deps.maxRunAttempts) {
            latest.status = 'failed'
            latest.error = interruptedFailure(latest.stage, latest.attempts)
          }
        })
        if (!adopted) continue
        if (claimed.status === 'failed') {
          failed += 1
          continue
        }
        await this.deps.queue.enqueue({ runId, kind: pendingJobKind(claimed) ?? kind })
        requeued += 1
      }
      return { requeued, failed, elsewhere }
    })
  }

  /**
   * Checking a participant's limits and queueing its run happen as one step: in this process (a
   * double tap) and across instances (the coordinator's lock), so two instances cannot each let
   * one more run through.
   */
  private exclusiveFor<T>(participantId: string, work: () => Promise<T>): Promise<T> {
    const lock = this.deps.withLock ?? ((_key, locked) => locked())
    return this.participantMutex.run(participantId, () => lock(`participant:${participantId}`, work))
  }

  /** A student's text checked before it is kept: refused (422) with the child's message when it fails, and when the check cannot answer (fail closed). */
  private async assertTextPasses(reason: string, statusMessage: string, run: Pick<RunMetadata, 'safety_level'>, check: () => Promise<SafetyVerdict>): Promise<void> {
    let verdict: SafetyVerdict
    try {
      verdict = await check()
    }
    catch {
      verdict = { safe: false, reason_code: 'safety_unavailable', matched: [] }
    }
    if (verdict.safe) return
    const status = verdict.reason_code === 'safety_unavailable' ? 503 : 422
    throw refused(status, reason, `${statusMessage} at the ${run.safety_level} level`, { message: blockedMessage(verdict.reason_code) })
  }

  private async openSessionOf(owner: Pick<Participant, 'session_id'>): Promise<CourseSession> {
    const session = await this.deps.sessions.get(owner.session_id)
    if (!session || session.archived) throw refused(403, 'session_gone', 'This course session has ended. Join a new one with its code.')
    if (!session.open) throw refused(403, 'session_closed', `The session "${session.name}" is closed, so no new runs can start. Ask your course leader.`)
    return session
  }

  private assertOutputAllowed(session: CourseSession, output: OutputConfig, pictures: number) {
    if (session.outputs && !session.outputs.includes(output.id)) {
      throw refused(403, 'output_not_allowed', `The output "${output.id}" is not part of the session "${session.name}"`)
    }
    if (pictures > output.max_pictures) {
      throw refused(409, 'output_takes_no_pictures', output.max_pictures === 0
        ? `The output "${output.id}" cannot use pictures. Choose another one.`
        : `The output "${output.id}" can use at most ${output.max_pictures} ${output.max_pictures === 1 ? 'picture' : 'pictures'}. Choose another one.`)
    }
    // Read at each request: a leader may configure or remove the backend while the server runs.
    if (!this.deps.providers.generators.has(output.provider)) {
      throw refused(400, 'output_unavailable', `The output "${output.id}" is not available right now: its backend "${output.provider}" is not configured`)
    }
  }

  /** The session's limits per participant: runs started in the last hour, runs waiting or running now. */
  private async assertWithinLimits(session: CourseSession, participantId: string, { countNew }: { countNew: boolean }) {
    const { runs_per_hour: perHour, runs_in_progress: inProgress } = session.limits
    if (perHour === null && inProgress === null) return
    const recentIds = (await this.deps.participants.list(participantId)).slice(-Math.max(perHour ?? 0, 100))
    const recent = (await Promise.all(recentIds.map(id => this.deps.runs.get(id)))).filter((run): run is RunMetadata => run !== null)
    const since = Date.now() - HOUR_MS
    const lastHour = recent.filter(run => Date.parse(run.created_at) > since)
    if (countNew && perHour !== null && lastHour.length >= perHour) {
      const oldest = Math.min(...lastHour.map(run => Date.parse(run.created_at)))
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + HOUR_MS - Date.now()) / 1000))
      throw refused(429, 'runs_per_hour', `This session allows ${perHour} runs per hour; the next one can start in ${Math.ceil(retryAfterSeconds / 60)} min`, { retry_after_s: retryAfterSeconds })
    }
    const busy = recent.filter(run => run.status === 'queued' || run.status === 'running').length
    if (inProgress !== null && busy >= inProgress) {
      throw refused(429, 'runs_in_progress', `This session allows ${inProgress} runs at a time; wait until one is finished`)
    }
  }
}

/** The stages a change of rules runs again: the checks of the idea and rules, and the transformation. */
const RETRANSFORM_STAGES: readonly StageName[] = ['input_safety', 'personal_data', 'interception', 'interception_safety']

const conflict = (statusMessage: string) => createError({ statusCode: 409, statusMessage })
