import { defineEventHandler } from 'h3'
import { useReadyApp } from '../utils/app-context'
import { classGalleryOf } from '../utils/class-gallery/class-gallery'
import { sendWithEtag } from '../utils/http/send-with-etag'
import { currentParticipant } from '../utils/sessions/current-participant'

/** GET /api/class-gallery: the runs a leader published for this device's session; empty for a device that never joined. */
export default defineEventHandler(async (event) => {
  const { index } = await useReadyApp()
  const participant = await currentParticipant(event)
  return sendWithEtag(event, { runs: participant ? await classGalleryOf(participant, index) : [] })
})
