import { z } from 'zod'
import { BackendError } from '../../server/utils/providers/backends/backend-error'
import type { Medium } from '../types'
import { BuiltinCodeProvider } from './sketch/builtin-code'
import { sketchThumbnail } from './sketch/sketch-thumbnail'
import { sketchWords } from './sketch/sketch-text'

const FILES = { js: 'text/javascript; charset=utf-8' }

/**
 * p5.js sketches: written offline from the idea's shapes, colours and motions; a student edits them
 * on the result page and sees them run in a sandbox (Viewer.vue). No ComfyUI node or hosted model
 * makes code, so backends never deliver this medium.
 */
export const code: Medium = {
  type: 'code',
  parameters: z.object({}).loose(),
  files: FILES,
  comfyuiSaveNode: 'no node: ComfyUI does not write code',
  builtinProviders: () => [new BuiltinCodeProvider()],
  isComfyuiFile: () => false,
  async fromDownload({ label }) {
    throw new BackendError('rejected', `${label} cannot make code; use the built-in p5.js sketch output`)
  },
  thumbnail: media => sketchThumbnail(media.data.toString('utf8')),
  async probe(media) {
    const text = media.data.toString('utf8')
    return { width: media.width, height: media.height, duration_s: null, details: { language: 'p5.js', lines: text.split('\n').length, bytes: media.data.length } }
  },
  wordsToCheck: data => sketchWords(data.toString('utf8')),
  // The first frame, drawn from the code, is what the gallery and the wall show: checked like every picture.
  picturesToCheck: async ({ thumbnail }) => {
    const picture = await thumbnail()
    return picture ? [picture] : []
  },
}
