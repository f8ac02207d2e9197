import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Worker } from 'node:worker_threads'

// At call time, not load time: in the server build, import.meta.url names the entry only once it has started.
export const resolveModule = (id: string) => createRequire(import.meta.url).resolve(id)

/**
 * Every model thread starts alike: TensorFlow.js (`workerData.tf`) on its WASM backend, whose .wasm
 * files ship in the npm package; then the model's own source, which defines `load(message)` and
 * `answer(message)` (the fields of the reply).
 */
const threadSource = (modelSource: string) => `
const { parentPort, workerData } = require('node:worker_threads')
const tf = require(workerData.tf)
const { setWasmPaths } = require(workerData.wasm)
${modelSource}
parentPort.on('message', async (message) => {
  try {
    if (message.type === 'load') {
      setWasmPaths(workerData.wasmDir)
      if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WASM backend did not start')
      await tf.ready()
      await load(message)
      parentPort.postMessage({ id: message.id, ok: true })
    }
    else parentPort.postMessage({ id: message.id, ok: true, ...(await answer(message)) })
  }
  catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
})
`

type Reply = { id: number, ok: true, [field: string]: unknown } | { id: number, ok: false, error: string }

/**
 * A thread of its own for a model, so a prediction (hundreds of ms of WASM) never stops the server
 * answering polls. The source is a string because the server build emits no separate worker file;
 * the packages it requires are resolved here, in the main thread, and traced into the build
 * (nuxt.config.ts). Each message `{ id, type, ... }` is answered with `{ id, ok: true, ... }` or `{ id, ok: false, error }`.
 */
export class ModelThread {
  private worker: Worker
  private nextId = 0
  private pending = new Map<number, { resolve: (reply: Reply) => void, reject: (error: Error) => void }>()

  /** `tf`: the TensorFlow.js package the model needs (tfjs-core, or all of tfjs for face-api). */
  constructor(modelSource: string, tf: string, workerData: Record<string, unknown>, name: string) {
    const wasm = resolveModule('@tensorflow/tfjs-backend-wasm')
    this.worker = new Worker(threadSource(modelSource), {
      eval: true,
      workerData: { ...workerData, tf: resolveModule(tf), wasm, wasmDir: `${dirname(wasm)}/` },
    })
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
