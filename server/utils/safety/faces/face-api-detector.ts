import { dirname, join } from 'node:path'
import sharp from '../../media/sharp'
import { ModelThread, resolveModule } from '../model-thread'
import type { FaceBox, FaceDetector, RgbPicture } from './face-detector'

/** The detector looks at the picture scaled to this longest side; boxes come back in the picture's own pixels. */
const DETECT_SIDE = 1024
/**
 * The network's input sizes (multiples of 32): 416 finds faces that fill much of the picture, 608
 * the small ones in a group; a face found at both is counted once.
 */
const INPUT_SIZES = [416, 608]
/** Lower than face-api's 0.5: blurring a face that is none costs less than missing one. */
const SCORE_THRESHOLD = 0.4

/** The model's part of the thread (see ModelThread). face-api requires `@tensorflow/tfjs` itself, which resolves to the same module. */
const MODEL_SOURCE = `
let faceapi = null
async function load() {
  faceapi = require(workerData.faceapi)
  await faceapi.nets.tinyFaceDetector.loadFromDisk(workerData.modelDir)
}
async function answer(message) {
  const input = tf.tensor3d(message.pixels, [message.height, message.width, 3], 'int32')
  try {
    const faces = []
    for (const inputSize of workerData.inputSizes) {
      const found = await faceapi.detectAllFaces(input, new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: workerData.scoreThreshold }))
      faces.push(...found.map(face => ({ x: face.box.x, y: face.box.y, width: face.box.width, height: face.box.height, score: face.score })))
    }
    return { faces }
  }
  finally {
    input.dispose()
  }
}
`

/** The folder of face-api's shipped models (inside the npm package, never downloaded). */
export const faceApiModelDir = () => join(dirname(resolveModule('@vladmandic/face-api/package.json')), 'model')

/**
 * @vladmandic/face-api's Tiny Face Detector (190 KB, shipped in the package) on TensorFlow.js' WASM
 * backend, in a thread of its own, loaded once per process like the picture check's model. A load
 * that fails is tried again at the next picture; until then every detection fails (closed).
 */
export class FaceApiDetector implements FaceDetector {
  readonly id = 'face-api'
  readonly model = 'tiny_face_detector'
  private loaded: Promise<ModelThread> | null = null

  load(): Promise<ModelThread> {
    this.loaded ??= (async () => {
      const thread = new ModelThread(MODEL_SOURCE, '@tensorflow/tfjs', {
        faceapi: resolveModule('@vladmandic/face-api/dist/face-api.node-wasm.js'),
        modelDir: faceApiModelDir(),
        inputSizes: INPUT_SIZES,
        scoreThreshold: SCORE_THRESHOLD,
      }, 'face detector')
      try {
        await thread.ask({ type: 'load' })
      }
      catch (error) {
        await thread.terminate()
        throw error
      }
      return thread
    })().catch((error: Error) => {
      this.loaded = null
      throw new Error(`the face detector could not load: ${error.message}`)
    })
    return this.loaded
  }

  async detect(picture: RgbPicture): Promise<FaceBox[]> {
    const thread = await this.load()
    const scale = Math.min(1, DETECT_SIDE / Math.max(picture.width, picture.height))
    const small = scale === 1
      ? picture
      : await sharp(picture.pixels, { raw: { width: picture.width, height: picture.height, channels: 3 } })
        .resize(Math.round(picture.width * scale), Math.round(picture.height * scale)).raw()
        .toBuffer({ resolveWithObject: true })
        .then(({ data, info }) => ({ pixels: data, width: info.width, height: info.height }))
    const pixels = new Uint8Array(small.pixels)
    const { faces } = await thread.ask<{ faces: FaceBox[] }>({ type: 'detect', pixels, width: small.width, height: small.height }, [pixels.buffer])
    return distinctFaces(faces).map(face => ({ ...face, x: face.x / scale, y: face.y / scale, width: face.width / scale, height: face.height / scale }))
  }
}

/** One box per face: of boxes that overlap by more than a third (intersection over union), the best scored. */
export function distinctFaces(faces: FaceBox[]): FaceBox[] {
  const kept: FaceBox[] = []
  for (const face of [...faces].sort((a, b) => b.score - a.score)) {
    if (!kept.some(other => overlap(face, other) > 1 / 3)) kept.push(face)
  }
  return kept
}

function overlap(a: FaceBox, b: FaceBox): number {
  const width = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  const height = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  const shared = width * height
  return shared / (a.width * a.height + b.width * b.height - shared)
}
