import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from '../../server/utils/media/sharp'
import type { Thumbnail } from '../types'
import { runFfmpeg, withTempFolder } from './ffmpeg'

const FRAME_TIMEOUT_MS = 60_000
const POSTER_SIDE = 256
/** The picture check looks at this many frames, spread over the whole video. */
export const CHECKED_FRAMES = 6
const CHECKED_SIDE = 512
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** ffmpeg's image2pipe writes PNG after PNG; each ends with its IEND chunk. */
export function splitPngs(stream: Buffer): Buffer[] {
  const pictures: Buffer[] = []
  let start = 0
  while (start + PNG_SIGNATURE.length <= stream.length && stream.subarray(start, start + 8).equals(PNG_SIGNATURE)) {
    let offset = start + 8
    while (offset + 12 <= stream.length) {
      const length = stream.readUInt32BE(offset)
      const type = stream.toString('latin1', offset + 4, offset + 8)
      offset += 12 + length
      if (type === 'IEND') break
    }
    pictures.push(stream.subarray(start, Math.min(offset, stream.length)))
    start = offset
  }
  return pictures
}

/** Fits the frame into a square of that side, never enlarging it (as the picture thumbnails do). */
const fitInto = (side: number) => `scale='min(${side},iw)':'min(${side},ih)':force_original_aspect_ratio=decrease`

/** ffmpeg reads the video from a file: an MP4 whose index comes last cannot be read from a pipe. */
function framesOf(video: Buffer, filter: string, count: number, signal?: AbortSignal): Promise<Buffer[]> {
  return withTempFolder(async (folder) => {
    const file = join(folder, 'video')
    await writeFile(file, video)
    const stream = await runFfmpeg(['-i', file, '-an', '-vf', filter, '-frames:v', String(count), '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'], { signal, timeoutMs: FRAME_TIMEOUT_MS })
    return splitPngs(stream)
  })
}

/** The poster: ffmpeg's `thumbnail` filter picks the most typical of the first frames, so a black fade-in is not the poster. */
export async function videoPoster(video: Buffer, signal?: AbortSignal): Promise<Thumbnail | null> {
  const [frame] = await framesOf(video, `thumbnail=24,${fitInto(POSTER_SIDE)}`, 1, signal).catch(() => [])
  if (!frame) return null
  const { data, info } = await sharp(frame).webp({ quality: 80 }).toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/** A few frames spread over the video (the first among them) as PNG, for the picture check. */
export function sampledFrames(video: Buffer, durationS: number | null, signal?: AbortSignal): Promise<Buffer[]> {
  const rate = durationS && durationS > 0 ? CHECKED_FRAMES / durationS : 1
  return framesOf(video, `fps=${rate.toFixed(4)},${fitInto(CHECKED_SIDE)}`, CHECKED_FRAMES, signal)
}
