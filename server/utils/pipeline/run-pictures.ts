import { createHash } from 'node:crypto'
import { buffer } from 'node:stream/consumers'
import { createError } from 'h3'
import type { InputImageRecord, RunMetadata } from '#shared/schemas/run'
import type { InputPicture } from '../providers/types'
import type { RunFile, RunStore } from '../storage/run-store'
import { inputImageFileName, runBlobKey } from '../storage/run-keys'
import type { UploadStore } from '../uploads/upload-store'

/**
 * The same refusal for a picture that expired, was deleted, or is another participant's: the
 * student cannot tell which, so no one learns whether someone else's upload id exists.
 */
export function pictureGone(position: number) {
  return createError({
    statusCode: 422,
    statusMessage: 'That picture is no longer here — choose it again.',
    data: { reason: 'picture_gone', field: 'input_images', position },
  })
}

/**
 * Reads the student's own live uploads, in order, as the files a new run starts with and their
 * records for metadata.json. The run keeps these copies: the uploads may expire or be deleted later.
 */
export async function copyPicturesIntoRun(
  uploads: Pick<UploadStore, 'readOwn'>, uploadIds: readonly string[], participantId: string,
): Promise<{ files: RunFile[], records: InputImageRecord[] }> {
  const files: RunFile[] = []
  const records: InputImageRecord[] = []
  for (const [index, uploadId] of uploadIds.entries()) {
    const upload = await uploads.readOwn(uploadId, participantId)
    if (!upload) throw pictureGone(index + 1)
    const mime = upload.record.mime === 'image/png' ? 'image/png' : 'image/jpeg'
    const file = inputImageFileName(index + 1, mime)
    files.push({ file, data: upload.data, mime })
    records.push({
      file, mime, width: upload.record.width, height: upload.record.height,
      bytes: upload.data.length, sha256: createHash('sha256').update(upload.data).digest('hex'),
    })
  }
  return { files, records }
}

/** The run's pictures from its own folder, for the generator. */
export async function readRunPictures(runs: RunStore, run: Pick<RunMetadata, 'run_id' | 'input_images'>): Promise<InputPicture[]> {
  return Promise.all(run.input_images.map(async image => ({
    file: image.file, mime: image.mime, width: image.width, height: image.height,
    data: await buffer(await runs.blobs.read(runBlobKey(run.run_id, image.file))),
  })))
}
