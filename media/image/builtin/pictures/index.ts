import sharp from '../../../../server/utils/media/sharp'
import type { GeneratedMedia, GenerationInput } from '../../../../server/utils/providers/types'

const DEFAULT_SIZE = 1024

/**
 * The built-in image output for a run with the student's pictures: one picture is transformed,
 * two or three are fused, in the perspective's manner and after the idea's words. Same pictures,
 * prompt and seed → same bytes.
 *
 * PLACEHOLDER until the picture processing lands: the first picture, fitted to the output size.
 */
export async function renderFromPictures(input: GenerationInput): Promise<GeneratedMedia> {
  const pictures = input.pictures ?? []
  if (!pictures.length) throw new Error('renderFromPictures needs at least one picture')
  input.signal?.throwIfAborted()
  const width = input.output.parameters.width ?? DEFAULT_SIZE
  const height = input.output.parameters.height ?? DEFAULT_SIZE
  const png = await sharp(pictures[0]!.data).resize(width, height, { fit: 'cover' }).png({ compressionLevel: 7 }).toBuffer()
  return { data: png, mime: 'image/png', extension: 'png', width, height, duration_s: null }
}
