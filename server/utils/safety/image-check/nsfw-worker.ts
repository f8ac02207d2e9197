import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { io } from '@tensorflow/tfjs-core'

// At call time, not load time: in the server build, import.meta.url names the entry only once it has started.
const resolveModule = (id: string) => createRequire(import.meta.url).resolve(id)

/**
 * Runs in its own thread, so a prediction (hundreds of ms of WASM) never stops the server answering
 * polls. A string because the server build emits no separate worker file; the packages it requires
 * are resolved here, in the main thread, and traced into the build like every other dependency.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const tf = require(workerData.core)
const { setWasmPaths } = require(workerData.wasm)
const { loadLayersModel } = require(workerData.layers)
let model = null
parentPort.on('message', async (message) => {
  try {
    if (message.type === 'load') {
      setWasmPaths(workerData.wasmDir)
      if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WASM backend did not start')
      await tf.ready()
      model = await loadLayersModel(tf.io.fromMemory(message.artifacts))
      tf.tidy(() => model.predict(tf.zeros([1, message.size, message.size, 3])).dataSync())
      parentPort.postMessage({ id: message.id, ok: true })
    }
    else {
      const output = tf.tidy(() => model.predict(tf.tensor4d(message.pixels, [1, message.size, message.size, 3])).dataSync())
      parentPort.postMessage({ id: message.id, ok: true, output: Array.from(output) })
    }
  }
  catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
})
`

type Reply = { id: number, ok: true, output?: number[] } | { id: number, ok: false, error: string }

/** One worker thread holding the model; requests are answered in order by id. */
export class ModelWorker {
  private worker: Worker
  private nextId = 0
  private pending = new Map<number, { resolve: (reply: Reply) => void, reject: (error: Error) => void }>()

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        core: resolveModule('@tensorflow/tfjs-core'),
        wasm: resolveModule('@tensorflow/tfjs-backend-wasm'),
        layers: resolveModule('@tensorflow/tfjs-layers'),
        wasmDir: `${dirname(resolveModule('@tensorflow/tfjs-backend-wasm'))}/`,
      },
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
    this.worker.on('exit', code => this.failAll(new Error(`the image classifier's thread stopped (exit code ${code})`)))
  }

  async load(artifacts: io.ModelArtifacts, size: number): Promise<void> {
    await this.ask({ type: 'load', artifacts, size }, artifacts.weightData ? [artifacts.weightData as ArrayBuffer] : [])
  }

  async predict(pixels: Float32Array, size: number): Promise<number[]> {
    return (await this.ask({ type: 'predict', pixels, size }, [pixels.buffer as ArrayBuffer])).output!
  }

  terminate() {
    return this.worker.terminate()
  }

  private ask(message: Record<string, unknown>, transfer: ArrayBuffer[]): Promise<Extract<Reply, { ok: true }>> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: reply => (reply.ok ? resolve(reply) : reject(new Error(reply.error))), reject })
      this.worker.ref()
      this.worker.postMessage({ ...message, id }, transfer)
    })
  }

  private failAll(error: Error) {
    for (const waiting of this.pending.values()) waiting.reject(error)
    this.pending.clear()
  }
}
