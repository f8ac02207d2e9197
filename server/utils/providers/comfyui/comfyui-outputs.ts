import type { MediaType } from '#shared/schemas/common'
import { mimeTypeOf } from '../../media/media-types'
import type { ComfyuiFile } from './comfyui-client'

/**
 * A file a node saved, with what it is. ComfyUI's own nodes report pictures, animations and
 * videos alike under `images` (SaveVideo, SaveWEBM and SaveAnimatedWEBP/PNG add `animated: [true]`,
 * comfy_api/latest/_ui.py), sounds under `audio` (FLAC, MP3 or Opus, nodes_audio.py); the
 * VideoHelperSuite node pack uses `gifs`, some others `videos`.
 */
export interface SavedFile { file: ComfyuiFile, mime: string, animated: boolean }

const FILE_KEYS = ['images', 'gifs', 'videos', 'audio']

/** Nodes that save each medium, for the message when a workflow saved none. */
export const SAVE_NODES: Record<MediaType, string> = {
  image: 'a SaveImage node',
  audio: 'a SaveAudio node (FLAC, MP3 or Opus)',
  video: 'a SaveVideo or SaveWEBM node',
  code: 'no node: code is written by a language model, not by ComfyUI',
  model: 'a SaveGLB node',
}

/** Every file one node's `output` (an `executed` event, a history entry) names. */
export function savedFiles(output: Record<string, unknown>): SavedFile[] {
  const animated = Array.isArray(output.animated) && output.animated.includes(true)
  const files: SavedFile[] = []
  for (const key of FILE_KEYS) {
    const listed = output[key]
    if (!Array.isArray(listed)) continue
    for (const file of listed as ComfyuiFile[]) {
      if (typeof file?.filename !== 'string') continue
      files.push({ file, mime: mimeTypeOf(file.filename), animated: animated || key === 'gifs' })
    }
  }
  return files
}

/**
 * Whether a saved file is the output's medium: a still picture for an image output (never an
 * animation or an mp4), a video container for a video output, a sound for an audio output.
 */
export function isMediumOf(mediaType: MediaType, saved: SavedFile): boolean {
  if (mediaType === 'image') return saved.mime.startsWith('image/') && !saved.animated
  return saved.mime.startsWith(`${mediaType}/`)
}

/** "ComfyUI_00001_.webp (image/webp, animated)" for a leader wondering what the workflow made instead. */
export function describeSaved(saved: SavedFile): string {
  return `${saved.file.filename} (${saved.mime}${saved.animated ? ', animated' : ''})`
}
