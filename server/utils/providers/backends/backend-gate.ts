/** Called while a job waits for the backend: 1 = next; null once it may start. */
export type WaitingReporter = (position: number | null) => void

interface Waiter { start: () => void, report?: WaitingReporter }

/**
 * At most `concurrency` jobs on one backend, the rest first in, first out, each told its place
 * whenever it changes. This is what keeps a class of 30 from flooding one GPU.
 */
export class BackendGate {
  private running = 0
  private waiters: Waiter[] = []

  constructor(readonly concurrency: number) {}

  get active() { return this.running }
  get waiting() { return this.waiters.length }

  /** Runs `work` once a place is free; leaves the line if `signal` aborts while waiting. */
  async run<T>(work: () => Promise<T>, options: { signal?: AbortSignal, onWaiting?: WaitingReporter } = {}): Promise<T> {
    await this.acquire(options)
    try {
      return await work()
    }
    finally {
      this.running -= 1
      this.next()
    }
  }

  private acquire({ signal, onWaiting }: { signal?: AbortSignal, onWaiting?: WaitingReporter }): Promise<void> {
    signal?.throwIfAborted()
    if (this.running < this.concurrency && this.waiters.length === 0) {
      this.running += 1
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort)
          onWaiting?.(null)
          resolve()
        },
        report: onWaiting,
      }
      const onAbort = () => {
        this.waiters = this.waiters.filter(other => other !== waiter)
        this.reportPositions()
        reject(signal!.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(waiter)
      onWaiting?.(this.waiters.length)
    })
  }

  private next() {
    while (this.running < this.concurrency && this.waiters.length > 0) {
      this.running += 1
      this.waiters.shift()!.start()
    }
    this.reportPositions()
  }

  private reportPositions() {
    this.waiters.forEach((waiter, index) => waiter.report?.(index + 1))
  }
}
