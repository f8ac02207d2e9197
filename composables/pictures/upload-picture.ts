/** What POST /api/uploads answers with 201: the picture as the server kept it (re-encoded, faces blurred). */
export interface StoredPicture {
  upload_id: string
  width: number
  height: number
  faces_blurred: boolean
}

/** How an upload ended when it did not: no answer at all (the WiFi dropped), or the server said no. */
export type UploadFailure =
  | { kind: 'connection' }
  | { kind: 'refused', status: number, reason: string | null, messageKey: string | null }
  | { kind: 'aborted' }

export interface UploadProgress {
  /** Bytes of the form the browser has handed to the network, as XMLHttpRequest reports them. */
  sent: number
  total: number
}

/**
 * One try at POST /api/uploads with XMLHttpRequest, because fetch cannot report the bytes sent.
 * Resolves with the stored picture or rejects with an UploadFailure; `abort()` stops it.
 */
export function sendPicture(file: File, onProgress: (progress: UploadProgress) => void) {
  const request = new XMLHttpRequest()
  const done = new Promise<StoredPicture>((resolve, reject) => {
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ sent: event.loaded, total: event.total })
    }
    request.onerror = () => reject({ kind: 'connection' } satisfies UploadFailure)
    request.ontimeout = () => reject({ kind: 'connection' } satisfies UploadFailure)
    request.onabort = () => reject({ kind: 'aborted' } satisfies UploadFailure)
    request.onload = () => {
      const body = parseJson(request.responseText)
      if (request.status === 201 && body && typeof body.upload_id === 'string') {
        resolve({ upload_id: body.upload_id, width: Number(body.width), height: Number(body.height), faces_blurred: body.faces_blurred === true })
        return
      }
      // A proxy that lost the server answers 502/504 without our JSON: that is the connection, not a refusal.
      if ([502, 504].includes(request.status) && !body) return reject({ kind: 'connection' } satisfies UploadFailure)
      const { reason, message_key: messageKey } = (body?.data ?? {}) as { reason?: unknown, message_key?: unknown }
      reject({
        kind: 'refused', status: request.status,
        reason: typeof reason === 'string' ? reason : null,
        messageKey: typeof messageKey === 'string' ? messageKey : null,
      } satisfies UploadFailure)
    }
  })
  const form = new FormData()
  form.append('image', file, file.name || 'picture.jpg')
  request.open('POST', '/api/uploads')
  request.timeout = 120_000
  request.send(form)
  return { done, abort: () => request.abort() }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown
    return value && typeof value === 'object' ? value as Record<string, unknown> : null
  }
  catch {
    return null
  }
}

/** The refusals uploads.json has a sentence for; any other refusal reads as "this picture did not work". */
const UPLOAD_REASONS = ['not_multipart', 'no_picture', 'too_many_files', 'too_large', 'too_many_pixels', 'wrong_type', 'heic', 'not_a_picture', 'faces_found', 'picture_unsafe', 'check_unavailable', 'pictures_off', 'too_many_uploads']
const SESSION_REASONS = ['session_closed', 'session_gone', 'not_joined', 'studio_closed', 'too_many_requests', 'disk_full', 'storage_unavailable']

/** The i18n key of the child's sentence for a refused upload. */
export function uploadRefusalKey(failure: Extract<UploadFailure, { kind: 'refused' }>): string {
  // The server names the sentence it means (e.g. the hourly limit: reason too_many_requests, key uploads.refused.too_many_uploads).
  if (failure.messageKey?.startsWith('uploads.refused.') && UPLOAD_REASONS.includes(failure.messageKey.slice('uploads.refused.'.length))) return failure.messageKey
  if (failure.reason && UPLOAD_REASONS.includes(failure.reason)) return `uploads.refused.${failure.reason}`
  if (failure.reason && SESSION_REASONS.includes(failure.reason)) return `session.refused.${failure.reason}`
  if (failure.status === 413) return 'uploads.refused.too_large'
  if (failure.status === 429) return 'uploads.refused.too_many_uploads'
  return 'pictures.refused_other'
}
