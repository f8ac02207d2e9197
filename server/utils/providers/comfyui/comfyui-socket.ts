import WebSocket from 'ws'

/** A JSON event from ComfyUI's /ws: { type, data }. Binary frames (previews) never get here. */
export interface ComfyuiEvent { type: string, data: Record<string, unknown> }

/**
 * ComfyUI's event stream for one client id, read as a queue: `next` gives the next JSON event,
 * 'idle' when none came in time, or 'closed' once the connection is gone (then the job polls).
 */
export class ComfyuiSocket {
  private readonly events: ComfyuiEvent[] = []
  private wake: (() => void) | null = null
  private closed = false

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return
      try {
        const event = JSON.parse(raw.toString()) as ComfyuiEvent
        if (event && typeof event.type === 'string') this.push(event)
      }
      catch { /* not an event we understand */ }
    })
    ws.on('close', () => this.end())
    ws.on('error', () => this.end())
  }

  /** Opens the stream, or returns null when ComfyUI refuses or does not answer in time. */
  static open(url: string, timeoutMs: number, signal: AbortSignal): Promise<ComfyuiSocket | null> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(null)
      const ws = new WebSocket(url, { handshakeTimeout: timeoutMs })
      // terminate() during the handshake reports an error too; it is already handled by then.
      ws.on('error', () => {})
      const settle = (socket: ComfyuiSocket | null) => {
        signal.removeEventListener('abort', onAbort)
        ws.off('open', onOpen)
        ws.off('error', onFail)
        ws.off('unexpected-response', onFail)
        resolve(socket)
      }
      const onOpen = () => settle(new ComfyuiSocket(ws))
      const onFail = () => {
        ws.terminate()
        settle(null)
      }
      const onAbort = () => onFail()
      ws.once('open', onOpen)
      ws.once('error', onFail)
      ws.once('unexpected-response', onFail)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  get open() {
    return !this.closed || this.events.length > 0
  }

  async next(waitMs: number, signal: AbortSignal): Promise<ComfyuiEvent | 'idle' | 'closed'> {
    signal.throwIfAborted()
    if (this.events.length > 0) return this.events.shift()!
    if (this.closed) return 'closed'
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs)
      function done() {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      this.wake = done
      signal.addEventListener('abort', done, { once: true })
    })
    this.wake = null
    signal.throwIfAborted()
    return this.events.shift() ?? (this.closed ? 'closed' : 'idle')
  }

  close() {
    this.end()
    this.ws.terminate()
  }

  private push(event: ComfyuiEvent) {
    this.events.push(event)
    this.wake?.()
  }

  private end() {
    this.closed = true
    this.wake?.()
  }
}
