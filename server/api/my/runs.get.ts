import { defineEventHandler, getValidatedQuery } from 'h3'
import { z } from 'zod'
import type { GalleryItem } from '#shared/schemas/run'
import { useReadyApp } from '../../utils/app-context'
import { participantIdOf } from '../../utils/http/participant-cookie'
import { inputImageViews, mediaUrl } from '../../utils/pipeline/run-status-view'

const Query = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(60),
})

/** GET /api/my/runs: this device's runs, newest first, a page at a time. */
export default defineEventHandler(async (event) => {
  const { offset, limit } = await getValidatedQuery(event, Query.parse)
  const { service } = await useReadyApp()
  const participantId = participantIdOf(event)
  if (!participantId) return { runs: [], total: 0, offset, limit }
  const { runs, total } = await service.gallery(participantId, offset, limit)
  const items: GalleryItem[] = runs.map((run) => {
    const output = run.outputs[0]
    return {
      run_id: run.run_id,
      created_at: run.created_at,
      status: run.status,
      perspective: run.perspective,
      input_text: run.input_text,
      interception_text: run.interception_text,
      favourite: run.favourite,
      output_type: output?.type ?? null,
      thumbnail_url: output?.thumbnail ? mediaUrl(run.run_id, output.thumbnail) : null,
      input_images: inputImageViews(run),
    }
  })
  return { runs: items, total, offset, limit }
})
