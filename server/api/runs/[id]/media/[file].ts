import { defineEventHandler } from 'h3'
import { useAppContext } from '../../../../utils/app-context'
import { serveRunMedia } from '../../../../utils/media/serve-run-media'
import { requireParam } from '../../../../utils/http/route-params'

/** GET|HEAD /api/runs/:id/media/:file: an output or thumbnail, streamed, with Range and ETag. */
export default defineEventHandler(event =>
  serveRunMedia(event, useAppContext().runs.blobs, requireParam(event, 'id'), requireParam(event, 'file')))
