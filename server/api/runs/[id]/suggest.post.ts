import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { suggestForClassGallery } from '../../../utils/class-gallery/class-gallery'
import { participantIdOf } from '../../../utils/http/participant-cookie'
import { requireParam } from '../../../utils/http/route-params'

/** POST /api/runs/:id/suggest: the student suggests their finished run for the class gallery; a leader decides. */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const { service } = await useReadyApp()
  const run = await suggestForClassGallery(service, runId, participantIdOf(event))
  return { run_id: run.run_id, class_gallery: { suggested: true, published: Boolean(run.class_gallery?.published_at) } }
})
