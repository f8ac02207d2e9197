import { randomUUID } from 'node:crypto'

/**
 * The one authority for upload ids and the keys built from them, as run-keys.ts is for runs:
 * nothing else concatenates upload paths, so nothing can be tricked into leaving the uploads folder.
 */

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export const isUploadId = (value: string) => UPLOAD_ID.test(value)
export const newUploadId = () => randomUUID()

export const UPLOADS_MOUNT = 'uploads'

/** The re-encoded picture's file name; the original is never stored. */
export const pictureFileName = (mime: 'image/jpeg' | 'image/png') => mime === 'image/png' ? 'picture.png' : 'picture.jpg'

/** unstorage key of an upload's record, under the `uploads` mount. */
export function uploadRecordKey(uploadId: string): string {
  assertUploadId(uploadId)
  return `${UPLOADS_MOUNT}:${uploadId}:record.json`
}

/** Blob-store key of an upload's picture, in the uploads blob store. */
export function uploadBlobKey(uploadId: string, file: string): string {
  assertUploadId(uploadId)
  if (file !== 'picture.jpg' && file !== 'picture.png') throw new Error(`Not an upload file name: ${JSON.stringify(file)}`)
  return `${uploadId}/${file}`
}

function assertUploadId(uploadId: string) {
  if (!isUploadId(uploadId)) throw new Error(`Not an upload id: ${JSON.stringify(uploadId)}`)
}
