import { createRequire } from 'node:module'
import { basename, dirname } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers'
import sharp from '../../media/sharp'
import type { ImageClassifier } from './image-classifier'
import { readModelArtifacts } from './nsfw-model-files'

const require = createRequire(import.meta.url)
const SIZE = 224
/** The model's five outputs, in its order (nsfwjs' nsfw_classes.js). */
const CLASSES = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'] as const

let backendReady: Promise<void> | null = null

/** TensorFlow.js on its WASM backend: the .wasm files ship inside the npm package (the pure-JS CPU backend is ten times slower). */
function useWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`)
    if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WASM backend did not start')
    await tf.ready()
  })().catch((error) => {
    backendReady = null
    throw error
  })
  return backendReady
}

/**
 * nsfwjs' MobileNetV2 (drawing, hentai, neutral, porn, sexy), loaded once per process on first use.
 * A load that fails is tried again at the next picture; until then every check fails (closed).
 */
export class NsfwClassifier implements ImageClassifier {
  readonly id = 'nsfwjs'
  readonly model: string
  private loaded: Promise<LayersModel> | null = null

  constructor(private modelDir: string) {
    this.model = basename(modelDir)
  }

  load(): Promise<LayersModel> {
    this.loaded ??= (async () => {
      await useWasmBackend()
      const model = await loadLayersModel(tf.io.fromMemory(await readModelArtifacts(this.modelDir)))
      // The first prediction sets up every kernel and takes many times longer: do it now, not on a child's picture.
      tf.tidy(() => (model.predict(tf.zeros([1, SIZE, SIZE, 3])) as tf.Tensor).dataSync())
      return model
    })().catch((error: Error) => {
      this.loaded = null
      throw new Error(`the image classifier could not load from ${this.modelDir}: ${error.message}`)
    })
    return this.loaded
  }

  async scores(image: Buffer): Promise<Record<string, number>> {
    const model = await this.load()
    const { data } = await sharp(image).resize(SIZE, SIZE, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const pixels = Float32Array.from(data, value => value / 255)
    const output = tf.tidy(() => (model.predict(tf.tensor4d(pixels, [1, SIZE, SIZE, 3])) as tf.Tensor).dataSync())
    return Object.fromEntries(CLASSES.map((name, index) => [name, Math.round(output[index]! * 10_000) / 10_000]))
  }
}
