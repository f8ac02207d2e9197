import sharp from 'sharp'
import type { InputPicture } from '../../server/utils/providers/types'
import { drawingSvg } from './test-pictures'

/**
 * A run's picture as the run folder keeps it (input-image-N.jpg, re-encoded): a child's drawing,
 * each `index` in its own colour so two pictures never have the same bytes.
 */
export async function inputPicture(index = 1, { width = 320, height = 240, format = 'jpeg' as 'jpeg' | 'png' } = {}): Promise<InputPicture> {
  const data = await sharp(drawingSvg()).resize(width, height).modulate({ hue: index * 40 }).flatten({ background: '#ffffff' }).toFormat(format).toBuffer()
  return { file: `input-image-${index}.${format === 'jpeg' ? 'jpg' : 'png'}`, mime: `image/${format}`, width, height, data }
}
