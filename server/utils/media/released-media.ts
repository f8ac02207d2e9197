import type { RunMetadata } from '#shared/schemas/run'

/**
 * Files a student may be served: the outputs the run lists (and their thumbnails), and the run's
 * own pictures (checked at upload). Media is listed only after output_safety passed it, so a
 * picture being checked, or withheld, is for leaders only.
 */
export function isReleasedMedia(run: RunMetadata, file: string): boolean {
  return run.outputs.some(output => output.filename === file || output.thumbnail === file)
    || run.input_images.some(image => image.file === file)
}
