import { z } from 'zod'
import { BackendError } from '../../server/utils/providers/backends/backend-error'
import type { Medium } from '../types'
import { BuiltinModelProvider } from './builtin/builtin-model'
import { modelThumbnail } from './model-thumbnail'
import { boundsOf, isGlb, readGlb, trianglesOf } from './read-glb'

const FILES = { glb: 'model/gltf-binary' }

/**
 * 3D models as binary glTF: made offline from the idea's shapes (builtin/), or by ComfyUI's
 * SaveGLB, which reports its files under `3d` (comfy_extras/nodes_hunyuan3d.py). The result page
 * turns them with a finger (Viewer.vue, three.js, loaded only there).
 */
export const model: Medium = {
  type: 'model',
  parameters: z.object({}).loose(),
  files: FILES,
  comfyuiSaveNode: 'a SaveGLB node',
  builtinProviders: () => [new BuiltinModelProvider()],
  isComfyuiFile: saved => saved.mime === FILES.glb,
  async fromDownload({ data, contentType, label }) {
    if (!isGlb(data)) throw new BackendError('bad_answer', `${label} sent ${contentType || 'a file without a type'} that is not a binary glTF 2.0 model`)
    return { data, mime: FILES.glb, extension: 'glb', width: null, height: null, duration_s: null }
  },
  async thumbnail(media) {
    return modelThumbnail(trianglesOf(await readGlb(media.data)))
  },
  async probe(media) {
    const triangles = trianglesOf(await readGlb(media.data))
    const bounds = boundsOf(triangles)
    return {
      width: null,
      height: null,
      duration_s: null,
      details: { format: 'glb', triangles: triangles.count, bounds_min: bounds?.min ?? [], bounds_max: bounds?.max ?? [], bytes: media.data.length },
    }
  },
  // What the gallery and the wall show of the model is its thumbnail: checked like every picture.
  picturesToCheck: async ({ thumbnail }) => {
    const picture = await thumbnail()
    return picture ? [picture] : []
  },
}
