import { z } from 'zod'
import { LocalizedText, MediaType, Slug } from './common'

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
