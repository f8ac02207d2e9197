import sharp from '../../../server/utils/media/sharp'
import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../../../server/utils/providers/types'
import { hashString, seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import { parseHex } from './colour'
import { composeElements } from './composition'
import { buildPalette } from './palette'
import { promptWords } from '../../../server/utils/providers/builtin/prompt-words'
import { backdropFor } from './scene-words'
import { styleFamilyFor } from './style-family'
import { IMAGE_STYLES } from './styles'
import { renderTexture } from './texture'

const DEFAULT_SIZE = 1024
const STEPS = 3

/** Draws the prompt as a picture without network or GPU: words become shapes, colours and a scene. */
export class BuiltinImageProvider implements GenerationProvider {
  readonly id = 'builtin_image'
  readonly model = 'procedural-v1'
  readonly mediaType = 'image' as const

  async generate({ prompt, seed, perspective, output, onProgress, signal }: GenerationInput): Promise<GeneratedMedia> {
    signal?.throwIfAborted()
    const width = output.parameters.width ?? DEFAULT_SIZE
    const height = output.parameters.height ?? DEFAULT_SIZE
    const words = promptWords(prompt)
    const rand = seededRandom((seed ^ hashString(prompt)) >>> 0)
    const palette = buildPalette(words, parseHex(perspective.colour), rand)
    const elements = composeElements(words, seed, palette)
    const style = IMAGE_STYLES[styleFamilyFor(perspective)]
    onProgress?.({ value: 1, max: STEPS })

    const textures = Object.fromEntries(await Promise.all(style.textures.map(async kind => [kind, await renderTexture(kind, seed)] as const)))
    signal?.throwIfAborted()
    const svg = style.compose({ width, height, elements, palette, backdrop: backdropFor(words), rand, textures })
    onProgress?.({ value: 2, max: STEPS })

    const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 7 }).toBuffer()
    signal?.throwIfAborted()
    onProgress?.({ value: STEPS, max: STEPS })
    return { data: png, mime: 'image/png', extension: 'png', width, height, duration_s: null }
  }
}
