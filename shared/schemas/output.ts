import { z } from 'zod'
import { LocalizedText, MediaType, Slug } from './common'

/** Short words a student reads on an output's card when a medium has several: how good, how fast, where it runs. */
export const OUTPUT_QUALITIES = ['simple', 'good', 'best'] as const
export const OUTPUT_SPEEDS = ['fast', 'medium', 'slow'] as const
/** `here`: on a computer in the building (built-in, the school's ComfyUI); `cloud`: a hosted service. */
export const OUTPUT_PLACES = ['here', 'cloud'] as const
export const OutputHints = z.object({
  quality: z.enum(OUTPUT_QUALITIES),
  speed: z.enum(OUTPUT_SPEEDS),
  place: z.enum(OUTPUT_PLACES),
}).strict()
export type OutputHints = z.infer<typeof OutputHints>

/** One way to make media from a prompt: which provider, with which parameters. */
export const OutputConfig = z.object({
  id: Slug,
  name: LocalizedText,
  media_type: MediaType,
  provider: z.string().min(1),
  model: z.string().min(1).optional(),
  /** The prompt the generator receives must be English (most image models are). */
  needs_english: z.boolean().default(true),
  /** The output chosen when a request names only the media type. */
  default: z.boolean().default(false),
  /** A song: the run's lyrics and style tags go to the generator (a music step before generating). */
  music: z.boolean().default(false),
  /**
   * How many of the student's pictures (input_images) the output takes: absent or 0 = none (it is
   * not offered for a run with pictures); 1 = transformation; 2–3 = fusion as well.
   */
  max_pictures: z.number().int().min(0).max(3).default(0),
  /** The card's hints (words in locales/<lang>/output-choice.json); a school's own output without them shows its name only. */
  hints: OutputHints.optional(),
  parameters: z.object({
    width: z.number().int().min(64).max(4096).optional(),
    height: z.number().int().min(64).max(4096).optional(),
    steps: z.number().int().min(1).max(200).optional(),
    cfg: z.number().min(0).max(50).optional(),
    duration_s: z.number().min(0.5).max(60).optional(),
    sample_rate: z.number().int().min(8000).max(96000).optional(),
  }).catchall(z.unknown()).default({}),
})
export type OutputConfig = z.infer<typeof OutputConfig>

/**
 * What a student's iPad is told about an output: enough for the medium and its card. The
 * provider, model and parameters (a workflow may hold a node's API key) stay on the server.
 */
export type OutputChoice = Pick<OutputConfig, 'id' | 'name' | 'media_type' | 'default' | 'music' | 'max_pictures' | 'hints'>
export const outputChoice = ({ id, name, media_type, default: isDefault, music, max_pictures, hints }: OutputConfig): OutputChoice =>
  ({ id, name, media_type, default: isDefault, music, max_pictures, hints })
