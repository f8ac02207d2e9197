import { z } from 'zod'
import { BackendError } from '../../server/utils/providers/backends/backend-error'
import type { Medium } from '../types'

const FILES = { mp4: 'video/mp4', webm: 'video/webm' }

/** What the first bytes say: an ISO-BMFF `ftyp` box (MP4) or an EBML header (WebM); null for anything else. */
export function videoContainerOf(data: Buffer): keyof typeof FILES | null {
  if (data.length >= 12 && data.toString('ascii', 4, 8) === 'ftyp') return 'mp4'
  if (data.length >= 4 && data.readUInt32BE(0) === 0x1a45dfa3) return 'webm'
  return null
}

/** Moving pictures: ComfyUI's SaveVideo/SaveWEBM report them under `images` with `animated: [true]` (comfy_api/latest/_ui.py). */
export const video: Medium = {
  type: 'video',
  parameters: z.object({
    width: z.number().int().min(64).max(4096).optional(),
    height: z.number().int().min(64).max(4096).optional(),
    duration_s: z.number().min(0.5).max(60).optional(),
    fps: z.number().int().min(1).max(60).optional(),
  }).loose(),
  files: FILES,
  comfyuiSaveNode: 'a SaveVideo or SaveWEBM node',
  builtinProviders: () => [],
  isComfyuiFile: saved => saved.mime.startsWith('video/'),
  async fromDownload({ data, contentType, label }) {
    const container = videoContainerOf(data)
    if (!container || (contentType && !contentType.startsWith('video/') && contentType !== 'application/octet-stream')) {
      throw new BackendError('bad_answer', `${label} sent ${contentType || 'a file without a type'} that is not an MP4 or WebM video`)
    }
    return { data, mime: FILES[container], extension: container, width: null, height: null, duration_s: null }
  },
  thumbnail: async () => null,
  probe: async media => ({ width: media.width, height: media.height, duration_s: media.duration_s }),
}
