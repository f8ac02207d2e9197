import { z } from 'zod'
import { BackendError } from '../../server/utils/providers/backends/backend-error'
import type { Medium } from '../types'
import { BuiltinAudioProvider } from './builtin/builtin-audio'
import { BuiltinSongProvider } from './song/builtin-song'
import { readWavLayout } from './wav-layout'
import { waveformThumbnail } from './waveform-thumbnail'

const FILES = { wav: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg', ogg: 'audio/ogg', opus: 'audio/ogg', m4a: 'audio/mp4' }
const EXTENSION_OF_TYPE: Record<string, string> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/ogg': 'ogg', 'audio/flac': 'flac' }

/** Length of a PCM WAV from its header; null for anything else. */
function wavDuration(data: Buffer): number | null {
  const layout = data.length < 44 ? null : readWavLayout(data)
  return layout && layout.byteRate > 0 ? Math.round(layout.declaredSize / layout.byteRate * 100) / 100 : null
}

/** Sounds and songs (lyrics and tags, output `music: true`): the built-in tune and song as WAV; ComfyUI saves FLAC, MP3 or Opus (nodes_audio.py). */
export const audio: Medium = {
  type: 'audio',
  parameters: z.object({ duration_s: z.number().min(0.5).max(60).optional(), sample_rate: z.number().int().min(8000).max(96000).optional() }).loose(),
  files: FILES,
  comfyuiSaveNode: 'a SaveAudio node (FLAC, MP3 or Opus)',
  builtinProviders: () => [new BuiltinAudioProvider(), new BuiltinSongProvider()],
  isComfyuiFile: saved => saved.mime.startsWith('audio/'),
  async fromDownload({ data, contentType, url, label }) {
    const extension = EXTENSION_OF_TYPE[contentType] ?? (contentType === 'application/octet-stream' ? /\.(wav|mp3|ogg|flac)(?:\?|$)/.exec(url)?.[1] : undefined)
    if (!extension) throw new BackendError('bad_answer', `${label} sent ${contentType || 'a file without a type'} instead of audio`)
    return { data, mime: FILES[extension as keyof typeof FILES], extension, width: null, height: null, duration_s: extension === 'wav' ? wavDuration(data) : null }
  },
  thumbnail: media => waveformThumbnail(media.data),
  probe: async media => ({ width: null, height: null, duration_s: wavDuration(media.data) ?? media.duration_s }),
}
