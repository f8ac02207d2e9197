import type { SafetyLevel } from '#shared/schemas/common'
import type { FacesRule } from '#shared/schemas/session'
import { checkImage, type ImageCheck } from '../safety/image-check/check-image'
import { blurFaces } from '../safety/faces/blur-faces'
import type { FaceDetector } from '../safety/faces/face-detector'
import { inspectPicture } from './inspect-picture'
import { decodeUpright, encodePicture, rgbOf } from './reencode-picture'
import { uploadRefusal } from './upload-refusal'
import type { NewUpload } from './upload-store'

export interface PictureChecks { level: SafetyLevel, faces: FacesRule, faceDetector: FaceDetector, imageCheck: ImageCheck }

/** Faces are looked for, and the picture checked, where children take part. */
const CHILD_LEVELS: ReadonlySet<SafetyLevel> = new Set(['kids', 'youth'])

/**
 * From the bytes a student sent to the picture we keep: header checked before decoding, decoded
 * once (upright, at most 2048 px, sRGB), faces blurred or refused and the picture checked at kids
 * and youth, re-encoded without any metadata. A check that cannot run refuses (fail closed).
 */
export async function preparePicture(data: Buffer, declaredType: string, checks: PictureChecks): Promise<Pick<NewUpload, 'picture' | 'faces'>> {
  await inspectPicture(data, declaredType)
  const picture = await decodeUpright(data)
  const forChildren = CHILD_LEVELS.has(checks.level)
  const found = forChildren ? await detectFaces(checks.faceDetector, picture.width, picture.height, await rgbOf(picture)) : []
  if (found.length > 0 && checks.faces === 'refuse') {
    throw uploadRefusal(422, 'faces_found', 'This picture shows a face. In this course, pictures with faces stay out: choose a picture without people, or photograph your drawing.')
  }
  const pixels = await blurFaces(picture, found)
  const encoded = await encodePicture({ ...picture, pixels })
  if (forChildren) await assertPictureSafe(encoded.data, checks)
  return {
    picture: { ...encoded, width: picture.width, height: picture.height },
    faces: { found: found.length, blurred: found.length > 0 },
  }
}

async function detectFaces(detector: FaceDetector, width: number, height: number, pixels: Buffer) {
  try {
    return await detector.detect({ pixels, width, height })
  }
  catch (error) {
    console.error(`[uploads] the face detector could not look: ${(error as Error).message}`)
    throw checkUnavailable()
  }
}

async function assertPictureSafe(data: Buffer, checks: PictureChecks) {
  const verdict = await checkImage(data, checks.level, checks.imageCheck)
  if (verdict.outcome === 'blocked') {
    throw uploadRefusal(422, 'picture_unsafe', 'This picture cannot be used here. Choose another picture.')
  }
  if (verdict.outcome === 'unavailable') {
    console.error(`[uploads] the picture check could not look: ${verdict.error}`)
    throw checkUnavailable()
  }
}

const checkUnavailable = () => uploadRefusal(503, 'check_unavailable', 'Your picture cannot be checked right now, so it cannot be used yet. Please try again in a moment.')
