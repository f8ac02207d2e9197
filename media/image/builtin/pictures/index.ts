import type { Perspective } from '#shared/schemas/perspective'
import { hashString, seededRandom } from '../../../../server/utils/providers/builtin/seeded-random'
import type { GeneratedMedia, GenerationInput } from '../../../../server/utils/providers/types'
import { parseHex } from '../colour'
import { composeFusion, planFusion } from './fusion/fuse-pictures'
import type { FusionPlan } from './fusion/fusion-plan'
import { decodePicture, encodePng } from './raster'
import { steerFromIdea } from './steer'
import { expose } from './tone'
import { treatmentFor } from './treatments/treatment-for'

const DEFAULT_SIZE = 1024
/** The pixel work happens at most this large; a bigger output is scaled up at the end. */
const WORKING_LIMIT = 1024
const STEPS = 3

/** The size the treatments work at: the output's shape, its longer side at most WORKING_LIMIT. */
export function workingSize(width: number, height: number): { width: number, height: number } {
  const scale = Math.min(1, WORKING_LIMIT / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The fusion layout of a run with two or three pictures (also what tests check the output against). */
export function fusionPlanFor(input: Pick<GenerationInput, 'seed' | 'perspective' | 'output' | 'pictures'>): FusionPlan {
  const size = workingSize(input.output.parameters.width ?? DEFAULT_SIZE, input.output.parameters.height ?? DEFAULT_SIZE)
  return planFusion(input.perspective, input.pictures?.length ?? 0, size.width, size.height, seededRandom(mixSeed(input.seed, 'layout')))
}

const mixSeed = (seed: number, salt: string) => (seed >>> 0) ^ hashString(salt)

/**
 * The built-in image output for a run with the student's pictures: one picture is transformed,
 * two or three are fused (grid, blend or collage) and then transformed, in the perspective's
 * manner and after the idea's words. Same pictures, prompt and seed → same bytes.
 */
export async function renderFromPictures(input: GenerationInput): Promise<GeneratedMedia> {
  const pictures = input.pictures ?? []
  if (!pictures.length) throw new Error('renderFromPictures needs at least one picture')
  input.signal?.throwIfAborted()
  const width = input.output.parameters.width ?? DEFAULT_SIZE
  const height = input.output.parameters.height ?? DEFAULT_SIZE
  const size = workingSize(width, height)
  const canvas = pictures.length === 1
    ? await decodePicture(pictures[0]!.data, size.width, size.height)
    : await composeFusion(fusionPlanFor(input), pictures.map(picture => picture.data))
  input.onProgress?.({ value: 1, max: STEPS })
  input.signal?.throwIfAborted()

  const steer = steerFromIdea(input.prompt, parseHex(input.perspective.colour), treatmentRandom(input.seed, input.perspective, input.prompt))
  expose(canvas, steer.exposure)
  const treated = await treatmentFor(input.perspective)(canvas, steer)
  input.onProgress?.({ value: 2, max: STEPS })
  input.signal?.throwIfAborted()

  const png = await encodePng(treated, width, height)
  input.onProgress?.({ value: STEPS, max: STEPS })
  return { data: png, mime: 'image/png', extension: 'png', width, height, duration_s: null }
}

const treatmentRandom = (seed: number, perspective: Pick<Perspective, 'id'>, prompt: string) =>
  seededRandom(mixSeed(seed, `${perspective.id}\n${prompt}`))
