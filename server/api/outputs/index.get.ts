import { defineEventHandler, getValidatedQuery } from 'h3'
import { z } from 'zod'
import { MEDIA_TYPES } from '#shared/media-types'
import { outputChoice } from '#shared/schemas/output'
import { MAX_INPUT_IMAGES } from '#shared/schemas/run'
import { useReadyApp } from '../../utils/app-context'
import { currentSessionAllowances } from '../../utils/sessions/session-allowances'

const Query = z.object({
  /** The run has (or will have) this many of the student's pictures: only outputs that take them. */
  pictures: z.coerce.number().int().min(0).max(MAX_INPUT_IMAGES).default(0),
})

/**
 * GET /api/outputs[?pictures=N]: the output configs this device's session allows media to be
 * generated with, and whose backend is configured; with `pictures`, only those that take N pictures.
 * Each as a student's card (outputChoice), never its provider, model or workflow.
 */
export default defineEventHandler(async (event) => {
  const { pictures } = await getValidatedQuery(event, Query.parse)
  const { catalog } = await useReadyApp()
  const allowed = (await currentSessionAllowances(event)).outputs
  const available = catalog.availableOutputs().filter(output => output.max_pictures >= pictures)
  const offered = allowed ? available.filter(output => allowed.includes(output.id)) : available
  // The card chosen first is the one the server would choose (the leader's default output, else the file's).
  const serverChoice = new Set(MEDIA_TYPES.map(type => catalog.defaultOutput(type, pictures)?.id))
  const chosen = offered.filter(output => serverChoice.has(output.id))
  return offered.map(output => chosen.some(other => other.media_type === output.media_type && other.music === output.music)
    ? { ...outputChoice(output), default: serverChoice.has(output.id) }
    : outputChoice(output))
})
