import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import type { GenerationInput, InputPicture } from '../../../../../../server/utils/providers/types'

const perspectivesDir = fileURLToPath(new URL('../../../../../../server/assets/perspectives', import.meta.url))

export const SHIPPED_PERSPECTIVES: Perspective[] = readdirSync(perspectivesDir)
  .filter(file => file.endsWith('.json'))
  .sort()
  .map(file => Perspective.parse(JSON.parse(readFileSync(`${perspectivesDir}/${file}`, 'utf8'))))

export const perspective = (id: string) => SHIPPED_PERSPECTIVES.find(shipped => shipped.id === id)
  ?? Perspective.parse({ ...SHIPPED_PERSPECTIVES[0], id })

export const picture = (data: Buffer, mime = 'image/jpeg'): InputPicture => ({ file: 'input-image-1.jpg', mime, width: 0, height: 0, data })

export function pictureRun(pictures: InputPicture[], perspectiveId: string, options: { seed?: number, prompt?: string, width?: number, height?: number } = {}): GenerationInput {
  const output = OutputConfig.parse({
    id: 'builtin_image', name: { de: 'Bild', en: 'Picture' }, media_type: 'image', provider: 'builtin_image',
    parameters: { width: options.width ?? 256, height: options.height ?? 256 },
  })
  return { prompt: options.prompt ?? '', seed: options.seed ?? 7, perspective: perspective(perspectiveId), output, pictures }
}
