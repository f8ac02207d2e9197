import { type Job, Queue, WaitingError, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { type RunJob, type RunJobHandler, type RunJobKind, runJobKey, type RunQueue } from './run-queue'
import { urlWithoutCredentials } from '../http/url-without-credentials'

export interface BullRunQueueOptions {
  redisUrl: string
  /** Every key and channel starts with it, so several installations can share one Redis. */
  prefix: string
  concurrency: number
  /** A job whose instance stopped renewing its lock this long ago is taken over by another instance. */
  stallTimeoutSeconds: number
  /** How often a job may be taken over; the run's own attempts decide its fate, so this is maxRunAttempts. */
  maxStalledCount: number
  /** A worker left by a hot-reloaded plugin gets this long to finish its jobs before it hands them back. */
  handOverMs?: number
}

/** BullMQ forbids ':' in custom ids, so `runId:kind` becomes `runId__kind` (run ids are UUIDs). */
export const bullJobId = (job: RunJob) => runJobKey(job).replace(':', '__')

/** Ends a job's run on this instance while the job lives on in Redis for another. */
const SHUTDOWN = new Error('shutting down')
const CANCELLED = new Error('cancelled')
const KINDS: RunJobKind[] = ['prepare', 'generate']

// One worker per process: `nuxi dev` re-runs the server plugin on every change without ending the process.
const registry = globalThis as { __ai4artsedRunWorker?: BullRunQueue }

interface ActiveJob { job: RunJob, controller: AbortController }

/**
 * Shared by every instance on one Redis: any instance takes any job, a job of an instance that
 * died (no lock renewal for stallTimeoutSeconds) goes to another, and a cancel reaches whichever
 * instance runs the job through the `<prefix>:cancel` channel.
 */
export class BullRunQueue implements RunQueue {
  readonly driver = 'bullmq'
  readonly location: string
  private queue: Queue<RunJob>
  private producer: Redis
  private worker: Promise<Worker<RunJob> | null> | null = null
  private subscriber: Redis | null = null
  private workerConnection: Redis | null = null
  private active = new Map<string, ActiveJob>()
  private closing: Promise<void> | null = null
  private lastError = ''

  constructor(private options: BullRunQueueOptions) {
    this.location = urlWithoutCredentials(options.redisUrl)
    this.producer = this.connect({})
    this.queue = new Queue<RunJob>(`${options.prefix}-runs`, { connection: this.producer, prefix: options.prefix })
    this.queue.on('error', error => this.logError(error))
  }

  /** Fails with the URL (no password) when Redis does not answer, so the server can refuse to start. */
  async check() {
    const probe = new Redis(this.options.redisUrl, { lazyConnect: true, connectTimeout: 5000, retryStrategy: () => null, maxRetriesPerRequest: 0 })
    probe.on('error', () => {})
    try {
      await probe.connect()
      await probe.ping()
    }
    catch (error) {
      throw new Error(`Redis at ${this.location} (NUXT_REDIS_URL) cannot be reached: ${(error as Error).message}`)
    }
    finally {
      probe.disconnect()
    }
  }

  start(handler: RunJobHandler) {
    const previous = registry.__ai4artsedRunWorker
    registry.__ai4artsedRunWorker = this
    this.worker = (async () => {
      if (previous && previous !== this) await previous.close(this.options.handOverMs ?? 5000)
      if (this.closing) return null
      this.subscriber = this.connect({ maxRetriesPerRequest: null })
      this.subscriber.on('message', (_channel, runId: string) => this.abortLocal(runId, CANCELLED))
      await this.subscriber.subscribe(this.cancelChannel)
      const stallMs = this.options.stallTimeoutSeconds * 1000
      this.workerConnection = this.connect({ maxRetriesPerRequest: null })
      const worker = new Worker<RunJob>(`${this.options.prefix}-runs`, (job, token) => this.process(job, handler, token), {
        connection: this.workerConnection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency,
        lockDuration: stallMs,
        stalledInterval: stallMs / 2,
        maxStalledCount: Math.max(1, this.options.maxStalledCount),
      })
      worker.on('error', error => this.logError(error))
      return worker
    })()
    this.worker.catch(error => console.error('[queue] the BullMQ worker could not start', error))
  }

  async enqueue(job: RunJob) {
    if (this.closing) return
    // An id that exists (waiting or running) makes add a no-op; finished jobs are removed, so a run can be queued again.
    await this.queue.add(job.kind, { runId: job.runId, kind: job.kind }, { jobId: bullJobId(job), removeOnComplete: true, removeOnFail: true })
  }

  async position(runId: string) {
    const waiting = await this.queue.getRanges(['wait'], 0, -1, true)
    const index = waiting.findIndex(id => id.startsWith(`${runId}__`))
    return index === -1 ? null : index + 1
  }

  async cancel(runId: string) {
    let found = false
    for (const kind of KINDS) {
      const job = await this.queue.getJob(bullJobId({ runId, kind }))
      if (!job) continue
      const state = await job.getState()
      if (state === 'active') {
        found = true
        this.abortLocal(runId, CANCELLED)
        await this.producer.publish(this.cancelChannel, runId)
      }
      else if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
        // Taken by a worker meanwhile: the handler reads the run's cancel_requested at its start.
        await job.remove().catch(() => {})
        found = true
      }
    }
    return found
  }

  /** Counts over every instance sharing this Redis. */
  async stats() {
    const counts = await this.queue.getJobCounts('wait', 'delayed', 'prioritized', 'active')
    return { waiting: (counts.wait ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0 }
  }

  close(timeoutMs: number) {
    this.closing ??= this.shutDown(timeoutMs)
    return this.closing
  }

  private async shutDown(timeoutMs: number) {
    const worker = await this.worker?.catch(() => null) ?? null
    // Stops fetching at once; resolves when the running jobs have ended.
    const drained = worker?.close() ?? Promise.resolve()
    await Promise.race([drained, sleep(timeoutMs)])
    for (const entry of this.active.values()) entry.controller.abort(SHUTDOWN)
    // A provider that ignores the signal must not hold the process: its job stalls and is taken over.
    await Promise.race([drained, sleep(5000)])
    await this.queue.close().catch(() => {})
    this.workerConnection?.disconnect()
    this.subscriber?.disconnect()
    this.producer.disconnect()
    if (registry.__ai4artsedRunWorker === this) delete registry.__ai4artsedRunWorker
  }

  private async process(job: Job<RunJob>, handler: RunJobHandler, token: string | undefined) {
    const runJob: RunJob = { runId: job.data.runId, kind: job.data.kind }
    const key = runJobKey(runJob)
    const controller = new AbortController()
    this.active.set(key, { job: runJob, controller })
    try {
      const outcome = await handler(runJob, controller.signal).catch((error) => {
        console.error(`[queue] job ${key} threw instead of reporting its outcome`, error)
        return 'failed' as const
      })
      if (controller.signal.reason === SHUTDOWN && outcome === 'skipped' && token) {
        // Handed back: the run stays active and its job waits for another instance (or this one after the restart).
        await job.moveToWait(token)
        throw new WaitingError()
      }
      return outcome
    }
    finally {
      this.active.delete(key)
    }
  }

  private abortLocal(runId: string, reason: Error) {
    for (const entry of this.active.values()) if (entry.job.runId === runId) entry.controller.abort(reason)
  }

  private get cancelChannel() {
    return `${this.options.prefix}:cancel`
  }

  private connect(options: { maxRetriesPerRequest?: null }) {
    const connection = new Redis(this.options.redisUrl, options)
    connection.on('error', error => this.logError(error))
    return connection
  }

  // ioredis reports every reconnect attempt; one line per distinct problem is enough.
  private logError(error: Error) {
    if (error.message === this.lastError) return
    this.lastError = error.message
    console.error(`[queue] Redis at ${this.location}: ${error.message}`)
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms).unref())
