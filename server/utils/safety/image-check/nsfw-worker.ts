import { dirname } from 'node:path'
import type { io } from '@tensorflow/tfjs-core'
import { ModelThread, resolveModule } from '../model-thread'

/**
 * The thread's source (see ModelThread); the packages it requires are resolved in the main thread
 * and traced into the build like every other dependency.
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

/** The nsfwjs model in a thread of its own. */
export class ModelWorker {
  private thread = new ModelThread(WORKER_SOURCE, {
    core: resolveModule('@tensorflow/tfjs-core'),
    wasm: resolveModule('@tensorflow/tfjs-backend-wasm'),
    layers: resolveModule('@tensorflow/tfjs-layers'),
    wasmDir: `${dirname(resolveModule('@tensorflow/tfjs-backend-wasm'))}/`,
  }, 'image classifier')

  async load(artifacts: io.ModelArtifacts, size: number): Promise<void> {
    await this.thread.ask({ type: 'load', artifacts, size }, artifacts.weightData ? [artifacts.weightData as ArrayBuffer] : [])
  }

  async predict(pixels: Float32Array, size: number): Promise<number[]> {
    return (await this.thread.ask<{ output: number[] }>({ type: 'predict', pixels, size }, [pixels.buffer as ArrayBuffer])).output
  }

  terminate() {
    return this.thread.terminate()
  }
}
