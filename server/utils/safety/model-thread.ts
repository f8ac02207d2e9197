import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// At call time, not load time: in the server build, import.meta.url names the entry only once it has started.
export const resolveModule = (id: string) => createRequire(import.meta.url).resolve(id)

type Reply = { id: number, ok: true, [field: string]: unknown } | { id: number, ok: false, error: string }

/**
 * A thread of its own for a model, so a prediction (hundreds of ms of WASM) never stops the server
 * answering polls. The source is a string because the server build emits no separate worker file;
 * it answers each message `{ id, ... }` with `{ id, ok: true, ... }` or `{ id, ok: false, error }`.
 */
export class ModelThread {
  private worker: Worker
  private nextId = 0
  private pending = new Map<number, { resolve: (reply: Reply) => void, reject: (error: Error) => void }>()

  constructor(source: string, workerData: Record<string, unknown>, name: string) {
    this.worker = new Worker(source, { eval: true, workerData })
    // An idle thread must not keep a stopping server alive; one with work waits for it.
    this.worker.unref()
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      if (this.pending.size === 0) this.worker.unref()
      waiting?.resolve(reply)
    })
    this.worker.on('error', error => this.failAll(error))
    this.worker.on('exit', code => this.failAll(new Error(`the ${name}'s thread stopped (exit code ${code})`)))
  }

  ask<T = Record<string, unknown>>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: reply => (reply.ok ? resolve(reply as T) : reject(new Error(reply.error))), reject })
      this.worker.ref()
      this.worker.postMessage({ ...message, id }, transfer)
    })
  }

  terminate() {
    return this.worker.terminate()
  }

  private failAll(error: Error) {
    for (const waiting of this.pending.values()) waiting.reject(error)
    this.pending.clear()
  }
}
