import { z } from 'zod'
import { BackendError } from '../../server/utils/providers/backends/backend-error'
import type { Medium } from '../types'
import { BuiltinVideoProvider } from './builtin/builtin-video'
import { readMp4 } from './mp4-boxes'
import { sampledFrames, videoPoster } from './video-frames'

const FILES = { mp4: 'video/mp4', webm: 'video/webm' }

/** What the first bytes say: an ISO-BMFF `ftyp` box (MP4) or an EBML header (WebM); null for anything else. */
export function videoContainerOf(data: Buffer): keyof typeof FILES | null {
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') return 'mp4'
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
  builtinProviders: () => [new BuiltinVideoProvider()],
  isComfyuiFile: saved => saved.mime.startsWith('video/'),
  async fromDownload({ data, contentType, label }) {
    const container = videoContainerOf(data)
    if (!container || (contentType && !contentType.startsWith('video/') && contentType !== 'application/octet-stream')) {
      throw new BackendError('bad_answer', `${label} sent ${contentType || 'a file without a type'} that is not an MP4 or WebM video`)
    }
    return { data, mime: FILES[container], extension: container, width: null, height: null, duration_s: null }
  },
  thumbnail: media => videoPoster(media.data),
  async probe(media) {
    const facts = readMp4(media.data)
    if (!facts) return { width: media.width, height: media.height, duration_s: media.duration_s }
    return {
      width: facts.width ?? media.width, height: facts.height ?? media.height, duration_s: facts.duration_s ?? media.duration_s,
      details: { fps: facts.fps, codec: facts.codec, container: 'mp4' },
    }
  },
  picturesToCheck: async ({ data, thumbnail }, signal) => {
    const frames = await sampledFrames(data, readMp4(data)?.duration_s ?? null, signal)
    // The poster is a frame the student sees first: checked too, whichever frame the filter chose.
    const poster = frames.length > 0 ? await thumbnail() : null
    return poster ? [...frames, poster] : frames
  },
}
