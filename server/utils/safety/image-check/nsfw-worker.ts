import type { io } from '@tensorflow/tfjs-core'
import { ModelThread, resolveModule } from '../model-thread'

/** The model's part of the thread (see ModelThread). */
const MODEL_SOURCE = `
const { loadLayersModel } = require(workerData.layers)
let model = null
async function load(message) {
  model = await loadLayersModel(tf.io.fromMemory(message.artifacts))
  tf.tidy(() => model.predict(tf.zeros([1, message.size, message.size, 3])).dataSync())
}
async function answer(message) {
  const output = tf.tidy(() => model.predict(tf.tensor4d(message.pixels, [1, message.size, message.size, 3])).dataSync())
  return { output: Array.from(output) }
}
`

/** The nsfwjs model in a thread of its own. */
export class ModelWorker {
  private thread = new ModelThread(MODEL_SOURCE, '@tensorflow/tfjs-core', { layers: resolveModule('@tensorflow/tfjs-layers') }, 'image classifier')

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
