import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { FaceApiDetector } from '../../../../../../server/utils/safety/faces/face-api-detector'
import { drawingSvg, drawnFaceSvg } from '../../../../../support/test-pictures'

const detector = new FaceApiDetector()
afterAll(async () => (await detector.load()).terminate())

const rgbOf = async (svg: Buffer) => {
  const { data, info } = await sharp(svg).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { pixels: data, width: info.width, height: info.height }
}

describe('FaceApiDetector (the model shipped in @vladmandic/face-api, on TensorFlow.js WASM)', () => {
  it('finds the one face of a drawn face, where it is, and none in a drawing of a house', async () => {
    const faces = await detector.detect(await rgbOf(drawnFaceSvg()))
    expect(faces).toHaveLength(1)
    const [face] = faces
    // The drawn face's skin spans x 126–386, y 100–440.
    expect(face!.x + face!.width / 2).toBeGreaterThan(180)
    expect(face!.x + face!.width / 2).toBeLessThan(330)
    expect(await detector.detect(await rgbOf(drawingSvg()))).toEqual([])
  })
})
