/**
 * A run's time limit that stops while the run waits in line for a busy backend: a class of 30
 * sharing one GPU must not time out for waiting its turn, only for work that takes too long.
 */
export class RunDeadline {
  private controller = new AbortController()
  private timer: NodeJS.Timeout | null = null
  private remaining: number
  private startedAt = 0

  constructor(private readonly limitMs: number) {
    this.remaining = limitMs
    this.resume()
  }

  get signal(): AbortSignal { return this.controller.signal }

  pause() {
    if (!this.timer) return
    clearTimeout(this.timer)
    this.timer = null
    this.remaining -= Date.now() - this.startedAt
  }

  resume() {
    if (this.timer || this.signal.aborted) return
    this.startedAt = Date.now()
    this.timer = setTimeout(() => {
      this.controller.abort(new DOMException(`The run did not finish within ${Math.round(this.limitMs / 1000)} s`, 'TimeoutError'))
    }, Math.max(0, this.remaining))
    this.timer.unref()
  }

  /** The job ended: no timer may outlive it. */
  dispose() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
