import { createError, defineEventHandler } from 'h3'
import { useReadyApp } from '../../../../utils/app-context'
import { classmateRun, isClassGalleryFile } from '../../../../utils/class-gallery/class-gallery'
import { isReleasedMedia } from '../../../../utils/media/released-media'
import { participantIdOf } from '../../../../utils/http/participant-cookie'
import { requireParam } from '../../../../utils/http/route-params'
import { mimeTypeOf } from '../../../../utils/media/media-types'
import { serveRunMedia } from '../../../../utils/media/serve-run-media'
import { requestedThumbnailWidth, thumbnailSource } from '../../../../utils/media/sized-thumbnail'
import { runViewerOf } from '../../../../utils/sessions/current-participant'
import { isMediaFileName, runBlobKey } from '../../../../utils/storage/run-keys'

/**
 * GET|HEAD /api/runs/:id/media/:file: an output, thumbnail or the student's own picture (input-image-N),
 * streamed, with Range and ETag; only for its participant and leaders, and a published run's outputs
 * for its session's students (the class gallery, never its pictures in). Students get only what the
 * picture check released. `?w=128|512|768`
 * answers a picture or thumbnail at that width (WebP) for `srcset`, with the same rights.
 */
export default defineEventHandler(async (event) => {
  const { service, runs, hotPaths, sizedThumbnails, smallMedia } = await useReadyApp()
  const runId = requireParam(event, 'id')
  const file = requireParam(event, 'file')
  const width = requestedThumbnailWidth(event)
  const notFound = () => createError({ statusCode: 404, statusMessage: `No media file "${file}" in run "${runId}"` })
  // A student's own finished run: who may see it and its released files' stat come from memory.
  const own = hotPaths.ownCompletedRun(runId, participantIdOf(event))
  if (own && width === null) {
    const stat = await hotPaths.publishedFileStat(own, file)
    if (stat) return serveRunMedia(event, runs.blobs, runId, file, { statOf: async () => stat, smallFiles: smallMedia })
  }
  if (own && width !== null && own.media_file && file === own.thumbnail) {
    const source = thumbnailSource({ filename: own.media_file, mime: mimeTypeOf(own.media_file), thumbnail: file }, width)
    const stat = await hotPaths.publishedFileStat(own, source)
    if (stat) return sizedThumbnails.serve(event, runId, source, stat, width)
  }
  const viewer = await runViewerOf(event)
  // A classmate's published run: only its released outputs and their thumbnails, nothing else of the folder.
  const run = await service.visibleRun(runId, viewer).catch(async (error: unknown) => {
    const shared = await classmateRun(runId, viewer.participantId)
    if (!shared || !isClassGalleryFile(shared, file)) throw error
    return shared
  })
  if (!viewer.leader && !isReleasedMedia(run, file)) throw notFound()
  if (width === null) return serveRunMedia(event, runs.blobs, run.run_id, file, { smallFiles: smallMedia })

  // A leader may look at a withheld picture's thumbnail, which no released output names.
  const output = run.outputs.find(candidate => candidate.thumbnail === file)
  const source = output ? thumbnailSource(output, width) : file
  if (!isMediaFileName(source)) throw notFound()
  if (!mimeTypeOf(source).startsWith('image/')) throw createError({ statusCode: 400, statusMessage: 'Only pictures and thumbnails come in other widths' })
  const stat = await runs.blobs.stat(runBlobKey(run.run_id, source))
  if (!stat) throw notFound()
  return sizedThumbnails.serve(event, run.run_id, source, stat, width)
})
