import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { ImageCheck } from '../../../../../server/utils/safety/image-check/check-image'
import type { FaceBox, FaceDetector } from '../../../../../server/utils/safety/faces/face-detector'
import { preparePicture, type PictureChecks } from '../../../../../server/utils/uploads/prepare-picture'
import { passingImageCheck } from '../../../../support/pipeline-doubles'
import { drawingSvg } from '../../../../support/test-pictures'

const finds = (faces: FaceBox[]): FaceDetector => ({ id: 'double', model: 'double', detect: async () => faces })
const cannotLook: FaceDetector = { id: 'double', model: 'double', detect: async () => { throw new Error('model not loaded') } }
const classifierSays = (scores: Record<string, number> | Error): ImageCheck => ({
  thresholds: passingImageCheck.thresholds,
  classifiers: [{ id: 'double', model: 'double', scores: async () => { if (scores instanceof Error) throw scores; return scores } }],
})
const checks = (overrides: Partial<PictureChecks> = {}): PictureChecks => ({ level: 'kids', faces: 'blur', faceDetector: finds([]), imageCheck: passingImageCheck, ...overrides })
const picture = () => sharp(drawingSvg()).jpeg().toBuffer()
const refusalOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { statusCode: number, data: { reason: string } }) => ({ status: error.statusCode, reason: error.data.reason }))

describe('preparePicture', () => {
  it('blurs the faces the detector finds and counts them', async () => {
    const face = { x: 100, y: 100, width: 120, height: 120, score: 0.9 }
    const prepared = await preparePicture(await picture(), 'image/jpeg', checks({ faceDetector: finds([face]) }))
    expect(prepared.faces).toEqual({ found: 1, blurred: true })
    const plain = await preparePicture(await picture(), 'image/jpeg', checks())
    const region = (data: Buffer) => sharp(data).extract({ left: 100, top: 100, width: 120, height: 120 }).greyscale().stats()
    expect((await region(prepared.picture.data)).channels[0]!.stdev).toBeLessThan((await region(plain.picture.data)).channels[0]!.stdev)
  })

  it('refuses a picture with faces when the session says refuse', async () => {
    const face = { x: 10, y: 10, width: 50, height: 50, score: 0.8 }
    expect(await refusalOf(preparePicture(await picture(), 'image/jpeg', checks({ faces: 'refuse', faceDetector: finds([face]) })))).toEqual({ status: 422, reason: 'faces_found' })
  })

  it('fails closed at kids and youth: a face detector or picture check that cannot look refuses the upload', async () => {
    expect(await refusalOf(preparePicture(await picture(), 'image/jpeg', checks({ faceDetector: cannotLook })))).toEqual({ status: 503, reason: 'check_unavailable' })
    expect(await refusalOf(preparePicture(await picture(), 'image/jpeg', checks({ level: 'youth', imageCheck: classifierSays(new Error('no model')) })))).toEqual({ status: 503, reason: 'check_unavailable' })
  })

  it('refuses a picture the check blocks', async () => {
    expect(await refusalOf(preparePicture(await picture(), 'image/jpeg', checks({ imageCheck: classifierSays({ porn: 0.9, neutral: 0.1 }) })))).toEqual({ status: 422, reason: 'picture_unsafe' })
  })

  it('looks for no faces and checks nothing at the adult level', async () => {
    const prepared = await preparePicture(await picture(), 'image/jpeg', checks({ level: 'adult', faceDetector: cannotLook, imageCheck: classifierSays(new Error('no model')) }))
    expect(prepared.faces).toEqual({ found: 0, blurred: false })
  })
})
