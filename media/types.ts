import type { z } from 'zod'
import type { MediaType } from '#shared/schemas/common'
import type { SavedFile } from '../server/utils/providers/comfyui/comfyui-outputs'
import type { GeneratedMedia, GenerationProvider } from '../server/utils/providers/types'

/** A small WebP for galleries, the wall and the leader's pages. */
export interface Thumbnail { data: Buffer, width: number, height: number }

/** Facts read from the file itself, kept in the run's metadata.json next to the output. */
export interface MediumProbe {
  width: number | null
  height: number | null
  duration_s: number | null
  /** The medium's own facts (video: fps, codec; music: lyrics, tags; 3D: bounds, triangles…). */
  details?: Record<string, string | number | boolean | null | string[] | number[]>
}

/** A file a hosted backend (Replicate, OpenAI) sent, before anyone trusts it. */
export interface DownloadedFile { data: Buffer, contentType: string, url: string, label: string }

/**
 * Everything the server knows about one medium, in one folder (media/<type>/server.ts). The
 * pipeline, the backends and the media routes ask the medium, never test its type themselves.
 */
export interface Medium {
  readonly type: MediaType
  /** The medium's own output parameters (server/assets/outputs/*.json `parameters`), checked when outputs load. */
  readonly parameters: z.ZodType
  /** Files it stores, by extension (without the dot) → mime type; the media routes serve them with it. */
  readonly files: Readonly<Record<string, string>>
  /** The node that saves it in ComfyUI, for the message when a workflow saved none. */
  readonly comfyuiSaveNode: string
  /** Offline generators that need no network, GPU or download. */
  builtinProviders(): GenerationProvider[]
  /** Whether a file a ComfyUI node reported (history entry / `executed` event) is this medium. */
  isComfyuiFile(saved: SavedFile): boolean
  /** The bytes a hosted backend sent, checked to be this medium; throws a BackendError otherwise. */
  fromDownload(file: DownloadedFile): Promise<GeneratedMedia>
  /** Its gallery thumbnail (WebP), or null when none can be drawn. */
  thumbnail(media: GeneratedMedia): Promise<Thumbnail | null>
  /** Facts for metadata.json, read from the bytes. */
  probe(media: GeneratedMedia): Promise<MediumProbe>
  /**
   * The pictures the child-safety picture check must pass before a student sees this output (the
   * picture itself, sampled video frames, a 3D or code thumbnail); absent for media with nothing
   * to look at (sound). An empty answer withholds the output at a checked level (fail closed).
   */
  /**
   * The words a child reads in the output (a sketch's comments and strings), checked by the text
   * check of the run's level before its pictures; absent for media without words in the file.
   */
  wordsToCheck?(data: Buffer): string
  picturesToCheck?(stored: { data: Buffer, thumbnail: () => Promise<Buffer | null> }, signal?: AbortSignal): Promise<Buffer[]>
}
