import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../../../server/utils/providers/types'
import { sketchCode } from './sketch-code'
import { sketchScene } from './sketch-scene'

/** A p5.js sketch of the prompt's shapes, colours and motions, written offline; the same prompt and seed give the same code. */
export class BuiltinCodeProvider implements GenerationProvider {
  readonly id = 'builtin_code'
  readonly model = 'p5-sketch-v1'
  readonly mediaType = 'code' as const

  async generate({ prompt, seed, language, signal }: GenerationInput): Promise<GeneratedMedia> {
    signal?.throwIfAborted()
    const scene = sketchScene(prompt, seed)
    const code = sketchCode(scene, prompt, language ?? 'en')
    return { data: Buffer.from(code, 'utf8'), mime: 'text/javascript; charset=utf-8', extension: 'js', width: scene.width, height: scene.height, duration_s: null }
  }
}
