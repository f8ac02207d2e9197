import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../../../server/utils/providers/types'
import { modelScene } from './model-scene'
import { writeGlb } from './write-glb'

const MODEL = 'shape-model-v1'

/** A small model of the prompt's shapes, colours and counts, made offline as GLB; the same prompt, perspective and seed give the same bytes. */
export class BuiltinModelProvider implements GenerationProvider {
  readonly id = 'builtin_model'
  readonly model = MODEL
  readonly mediaType = 'model' as const

  async generate({ prompt, seed, perspective, signal }: GenerationInput): Promise<GeneratedMedia> {
    signal?.throwIfAborted()
    const data = await writeGlb(modelScene(prompt, perspective.id, seed), `AI4ArtsEd ${MODEL}`)
    return { data, mime: 'model/gltf-binary', extension: 'glb', width: null, height: null, duration_s: null }
  }
}
