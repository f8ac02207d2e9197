import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from '../../../server/utils/media/sharp'
import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../../../server/utils/providers/types'
import { drawScene, planScene } from '../../image/builtin/scene-plan'
import { runFfmpeg, withTempFolder } from '../ffmpeg'
import { elementsAt, loopsFor, paletteAt, recolour } from './animate-scene'

const DEFAULT_SIZE = 512
const DEFAULT_DURATION_S = 4
const DEFAULT_FPS = 12
const ENCODE_TIMEOUT_MS = 120_000

/** H.264 in yuv420p needs even sides. */
const even = (side: number) => Math.max(64, side - (side % 2))

/**
 * H.264 Main profile, yuv420p and the index (moov) before the data (+faststart): what iPad Safari
 * plays inline and starts before the whole file is there. Bit-exact flags and a fixed thread count
 * make the same frames give the same bytes.
 */
function encoderArguments(width: number, height: number, fps: number, file: string): string[] {
  return [
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', 'pipe:0',
    '-an', '-c:v', 'libx264', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-preset', 'fast', '-crf', '23', '-threads', '2',
    '-movflags', '+faststart', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-y', file,
  ]
}

/** The built-in picture's scene in motion, a few seconds as MP4, without network or GPU. */
export class BuiltinVideoProvider implements GenerationProvider {
  readonly id = 'builtin_video'
  readonly model = 'procedural-v1'
  readonly mediaType = 'video' as const

  async generate({ prompt, seed, perspective, output, onProgress, signal }: GenerationInput): Promise<GeneratedMedia> {
    signal?.throwIfAborted()
    const width = even(output.parameters.width ?? DEFAULT_SIZE)
    const height = even(output.parameters.height ?? DEFAULT_SIZE)
    const fps = typeof output.parameters.fps === 'number' ? output.parameters.fps : DEFAULT_FPS
    const frameCount = Math.max(1, Math.round((output.parameters.duration_s ?? DEFAULT_DURATION_S) * fps))
    const plan = await planScene(prompt, seed, perspective, width, height)
    const loops = loopsFor(prompt)

    async function* frames() {
      for (let index = 0; index < frameCount; index++) {
        signal?.throwIfAborted()
        const t = index / frameCount
        const palette = paletteAt(plan.scene.palette, t)
        const elements = recolour(elementsAt(plan.scene.elements, t, loops), plan.scene.palette, palette)
        yield await sharp(Buffer.from(drawScene(plan, elements, palette))).ensureAlpha().raw().toBuffer()
        onProgress?.({ value: index + 1, max: frameCount + 1 })
      }
    }

    const data = await withTempFolder(async (folder) => {
      const file = join(folder, 'video.mp4')
      await runFfmpeg(encoderArguments(width, height, fps, file), { input: frames(), signal, timeoutMs: ENCODE_TIMEOUT_MS })
      return readFile(file)
    })
    onProgress?.({ value: frameCount + 1, max: frameCount + 1 })
    return { data, mime: 'video/mp4', extension: 'mp4', width, height, duration_s: frameCount / fps }
  }
}
