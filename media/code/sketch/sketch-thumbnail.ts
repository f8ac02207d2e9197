import sharp from '../../../server/utils/media/sharp'
import { sketchSvg } from './sketch-picture'

const WIDTH = 256

/**
 * The gallery's picture of a sketch: its first frame drawn from the code's shapes (sketch-picture.ts),
 * never by running the code on the server. Null when the code does not parse.
 */
export async function sketchThumbnail(code: string): Promise<{ data: Buffer, width: number, height: number } | null> {
  const svg = sketchSvg(code)
  if (!svg) return null
  const { data, info } = await sharp(Buffer.from(svg)).resize({ width: WIDTH }).flatten({ background: '#ffffff' }).webp({ quality: 82 }).toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}
