import { basename } from 'node:path'
import sharp from '../../media/sharp'
import type { ImageClassifier } from './image-classifier'
import { readModelArtifacts } from './nsfw-model-files'
import { ModelWorker } from './nsfw-worker'

const SIZE = 224
/** The model's five outputs, in its order (nsfwjs' nsfw_classes.js). */
const CLASSES = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'] as const

/**
 * nsfwjs' MobileNetV2 (drawing, hentai, neutral, porn, sexy) on TensorFlow.js' WASM backend (its
 * .wasm files ship in the npm package; the pure-JS CPU backend is ten times slower), in a thread of
 * its own, loaded once per process. A load that fails is tried again at the next picture; until
 * then every check fails (closed). sharp decodes and scales in the main process, off the event loop.
 */
export class NsfwClassifier implements ImageClassifier {
  readonly id = 'nsfwjs'
  readonly model: string
  private loaded: Promise<ModelWorker> | null = null

  constructor(private modelDir: string) {
    this.model = basename(modelDir)
  }

  load(): Promise<ModelWorker> {
    this.loaded ??= (async () => {
      const artifacts = await readModelArtifacts(this.modelDir)
      const worker = new ModelWorker()
      try {
        await worker.load(artifacts, SIZE)
      }
      catch (error) {
        await worker.terminate()
        throw error
      }
      return worker
    })().catch((error: Error) => {
      this.loaded = null
      throw new Error(`the image classifier could not load from ${this.modelDir}: ${error.message}`)
    })
    return this.loaded
  }

  async scores(image: Buffer): Promise<Record<string, number>> {
    const worker = await this.load()
    const { data } = await sharp(image).resize(SIZE, SIZE, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const output = await worker.predict(Float32Array.from(data, value => value / 255), SIZE)
    return Object.fromEntries(CLASSES.map((name, index) => [name, Math.round(output[index]! * 10_000) / 10_000]))
  }
}
