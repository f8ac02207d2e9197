import Busboy from 'busboy'
import type { H3Event } from 'h3'
import { uploadRefusal } from './upload-refusal'

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024
/** Room for the multipart boundaries and part headers around the picture. */
const ENVELOPE_BYTES = 64 * 1024

export interface UploadedFile { data: Buffer, declaredType: string }

/**
 * Reads `multipart/form-data` with exactly one file field `image`, holding at most 15 MB of it in
 * memory: a larger declared body is refused before a byte is read, a larger streamed file as soon
 * as it passes the limit. Anything else in the form is ignored.
 */
export async function readUploadBody(event: H3Event): Promise<UploadedFile> {
  const { req } = event.node
  if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
    throw uploadRefusal(415, 'not_multipart', 'Send the picture as multipart/form-data with one file field named "image".')
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) throw tooLarge()
  let parser: Busboy.Busboy
  try {
    parser = Busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 10, fieldSize: 1024, parts: 12 } })
  }
  catch {
    throw uploadRefusal(400, 'no_picture', 'The form could not be read: send one file field named "image".')
  }
  return new Promise<UploadedFile>((resolve, reject) => {
    let file: UploadedFile | null = null
    let settled = false
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      // Stop parsing; what is still on its way is read and dropped, never held.
      req.unpipe(parser)
      req.resume()
      reject(error)
    }
    parser.on('file', (field, stream, info) => {
      if (field !== 'image') {
        stream.resume()
        return fail(uploadRefusal(400, 'no_picture', 'The picture must come in the file field named "image".'))
      }
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () => fail(tooLarge()))
      stream.on('end', () => { file = { data: Buffer.concat(chunks), declaredType: info.mimeType } })
    })
    parser.on('filesLimit', () => fail(uploadRefusal(400, 'too_many_files', 'Send one picture at a time.')))
    parser.on('partsLimit', () => fail(uploadRefusal(400, 'too_many_files', 'The form has too many parts; send one picture at a time.')))
    parser.on('error', () => fail(uploadRefusal(400, 'no_picture', 'The form could not be read: it ended early or is not multipart/form-data.')))
    parser.on('close', () => {
      if (settled) return
      if (!file || file.data.length === 0) return fail(uploadRefusal(400, 'no_picture', 'No picture came: send one file field named "image".'))
      settled = true
      resolve(file)
    })
    req.on('error', fail)
    req.pipe(parser)
  })
}

/**
 * The connection stays open: Node reads the rest of the body and drops it, so the browser gets to
 * read this answer (a closed connection mid-upload shows only as a network error) and memory stays flat.
 */
function tooLarge() {
  return uploadRefusal(413, 'too_large', `The picture is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Take a smaller photo or choose another picture.`)
}
