import sharp from '../../../server/utils/media/sharp'
import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../../../server/utils/providers/types'
import { renderFromPictures } from './pictures'
import { drawScene, planScene } from './scene-plan'

const DEFAULT_SIZE = 1024
const STEPS = 3

/** Draws the prompt as a picture without network or GPU: words become shapes, colours and a scene. */
export class BuiltinImageProvider implements GenerationProvider {
  readonly id = 'builtin_image'
  readonly model = 'procedural-v1'
  readonly mediaType = 'image' as const

  async generate(input: GenerationInput): Promise<GeneratedMedia> {
    // The student's pictures, transformed or fused: their own processing (pictures/).
    if (input.pictures?.length) return renderFromPictures(input)
    const { prompt, seed, perspective, output, onProgress, signal } = input
    signal?.throwIfAborted()
    const width = output.parameters.width ?? DEFAULT_SIZE
    const height = output.parameters.height ?? DEFAULT_SIZE
    const plan = await planScene(prompt, seed, perspective, width, height)
    onProgress?.({ value: 1, max: STEPS })
    signal?.throwIfAborted()
    const svg = drawScene(plan)
    onProgress?.({ value: 2, max: STEPS })

    const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 7 }).toBuffer()
    signal?.throwIfAborted()
    onProgress?.({ value: STEPS, max: STEPS })
    return { data: png, mime: 'image/png', extension: 'png', width, height, duration_s: null }
  }
}
