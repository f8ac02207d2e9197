import { createError } from 'h3'

/** Why an upload was refused; the page shows `uploads.refused.<reason>` from locales/<lang>/uploads.json. */
export type UploadRefusalReason =
  | 'not_multipart' | 'no_picture' | 'too_many_files' | 'too_large' | 'too_many_pixels' | 'wrong_type' | 'heic'
  | 'not_a_picture' | 'faces_found' | 'picture_unsafe' | 'check_unavailable' | 'pictures_off'

/** Every refusal of an upload looks the same to the client: a status, a sentence a person understands, a reason. */
export function uploadRefusal(statusCode: number, reason: UploadRefusalReason, sentence: string) {
  return createError({ statusCode, statusMessage: sentence, data: { reason, message_key: `uploads.refused.${reason}` } })
}
