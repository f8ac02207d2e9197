import { createError, defineEventHandler, setResponseHeader, setResponseStatus } from 'h3'
import { useAppContext } from '../../utils/app-context'
import { clientHasEtag } from '../../utils/http/etag'
import { participantIdOf } from '../../utils/http/participant-cookie'
import { requireParam } from '../../utils/http/route-params'

/**
 * GET /api/uploads/:id: the stored (re-encoded) picture, for its owner's preview. Anyone else, and
 * an upload that expired, gets 404: whether an id exists is nobody else's business.
 */
export default defineEventHandler(async (event) => {
  const uploadId = requireParam(event, 'id')
  const participantId = participantIdOf(event)
  const { uploads } = useAppContext()
  const picture = participantId ? await uploads.readOwn(uploadId, participantId) : null
  if (!picture) throw createError({ statusCode: 404, statusMessage: 'There is no such picture.' })
  const etag = `"${picture.record.sha256.slice(0, 32)}"`
  setResponseHeader(event, 'ETag', etag)
  setResponseHeader(event, 'Cache-Control', 'private, max-age=3600')
  setResponseHeader(event, 'X-Content-Type-Options', 'nosniff')
  if (clientHasEtag(event, etag)) {
    setResponseStatus(event, 304)
    return null
  }
  setResponseHeader(event, 'Content-Type', picture.record.mime)
  setResponseHeader(event, 'Content-Length', picture.data.length)
  return picture.data
})
