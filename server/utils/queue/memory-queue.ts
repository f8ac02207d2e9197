import { type RunJob, type RunJobHandler, runJobKey, type RunQueue } from './run-queue'

interface ActiveJob { job: RunJob, controller: AbortController, finished: Promise<void> }

/** First in, first out, `concurrency` jobs at a time, inside this process. */
export class MemoryRunQueue implements RunQueue {
  readonly driver = 'memory'
  private waiting: RunJob[] = []
  private active = new Map<string, ActiveJob>()
  private handler: RunJobHandler | null = null
  private closed = false

  constructor(private concurrency: number) {}

  start(handler: RunJobHandler) {
    this.handler = handler
    this.pump()
  }

  async enqueue(job: RunJob) {
    const key = runJobKey(job)
    if (this.closed || this.active.has(key) || this.waiting.some(other => runJobKey(other) === key)) return
    this.waiting.push(job)
    this.pump()
  }

  async position(runId: string) {
    const index = this.waiting.findIndex(job => job.runId === runId)
    return index === -1 ? null : index + 1
  }

  async cancel(runId: string) {
    const before = this.waiting.length
    this.waiting = this.waiting.filter(job => job.runId !== runId)
    let found = this.waiting.length !== before
    for (const entry of this.active.values()) {
      if (entry.job.runId === runId) {
        entry.controller.abort(new Error('cancelled'))
        found = true
      }
    }
    return found
  }

  async stats() {
    return { waiting: this.waiting.length, active: this.active.size }
  }

  async close(timeoutMs: number) {
    this.closed = true
    this.waiting = []
    const running = [...this.active.values()]
    const timeout = new Promise(resolve => setTimeout(resolve, timeoutMs).unref())
    await Promise.race([Promise.all(running.map(entry => entry.finished)), timeout])
    for (const entry of this.active.values()) entry.controller.abort(new Error('shutting down'))
  }

  private pump() {
    while (this.handler && !this.closed && this.active.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!
      const controller = new AbortController()
      const key = runJobKey(job)
      const finished = this.handler(job, controller.signal)
        .catch(error => console.error(`[queue] job ${key} threw instead of reporting its outcome`, error))
        .then(() => {
          this.active.delete(key)
          this.pump()
        })
      this.active.set(key, { job, controller, finished })
    }
  }
}
