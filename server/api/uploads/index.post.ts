import { defineEventHandler, setResponseStatus } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { participantForNewRun } from '../../utils/sessions/current-participant'
import { withStorageFailures } from '../../utils/http/storage-failure'
import { preparePicture } from '../../utils/uploads/prepare-picture'
import { readUploadBody } from '../../utils/uploads/read-upload-body'
import { uploadRefusal } from '../../utils/uploads/upload-refusal'

/**
 * POST /api/uploads: one picture (multipart/form-data, file field `image`) of a joined participant,
 * re-encoded without metadata and, at kids and youth, with faces blurred and checked. Answers 201
 * { upload_id, width, height, mime, faces_found, faces_blurred }; 400/413/415/422/429/503/507 with a sentence.
 */
export default defineEventHandler(async (event) => {
  const { sessions, addressLimiter, uploadLimit, diskGuard, uploads, imageCheck, faceDetector } = await useReadyApp()
  const participant = await participantForNewRun(event)
  const session = await sessions.get(participant.session_id)
  if (!session?.picture_input) throw uploadRefusal(403, 'pictures_off', 'Pictures are switched off in this course. Describe your idea in words instead.')
  await diskGuard.assertRoom()
  await addressLimiter.spend(event, 'upload')
  await uploadLimit.spend(event, participant.participant_id)
  const file = await readUploadBody(event)
  const prepared = await preparePicture(file.data, file.declaredType, { level: session.safety_level, faces: session.faces, faceDetector, imageCheck })
  const record = await withStorageFailures(() => uploads.save({ participantId: participant.participant_id, sessionId: session.id, ...prepared }))
  setResponseStatus(event, 201)
  return {
    upload_id: record.upload_id, width: record.width, height: record.height, mime: record.mime,
    faces_found: record.faces.found, faces_blurred: record.faces.blurred,
    ...(record.faces.blurred ? { message_key: 'uploads.notice.faces_blurred' } : {}),
  }
})
