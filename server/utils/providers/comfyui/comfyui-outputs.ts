import { mimeTypeOf } from '../../media/media-types'
import type { ComfyuiFile } from './comfyui-client'

/**
 * A file a node saved, with what it is. ComfyUI's own nodes report pictures, animations and
 * videos alike under `images` (SaveVideo, SaveWEBM and SaveAnimatedWEBP/PNG add `animated: [true]`,
 * comfy_api/latest/_ui.py), sounds under `audio` (FLAC, MP3 or Opus, nodes_audio.py); the
 * VideoHelperSuite node pack uses `gifs`, some others `videos`.
 */
export interface SavedFile { file: ComfyuiFile, mime: string, animated: boolean }

const FILE_KEYS = ['images', 'gifs', 'videos', 'audio', '3d']

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

/** "ComfyUI_00001_.webp (image/webp, animated)" for a leader wondering what the workflow made instead. */
export function describeSaved(saved: SavedFile): string {
  return `${saved.file.filename} (${saved.mime}${saved.animated ? ', animated' : ''})`
}
