import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { blurFaces } from '../../../../../../server/utils/safety/faces/blur-faces'
import { distinctFaces } from '../../../../../../server/utils/safety/faces/face-api-detector'
import { drawnFaceSvg } from '../../../../../support/test-pictures'

async function drawnFace(channels: 3 | 4) {
  const base = sharp(drawnFaceSvg())
  const { data, info } = await (channels === 3 ? base.removeAlpha() : base.ensureAlpha()).raw().toBuffer({ resolveWithObject: true })
  return { pixels: data, width: info.width, height: info.height, channels }
}

/** The mean step between neighbouring grey values in a box: high where there are eyes and brows, near zero once blurred. */
function detail(pixels: Buffer, channels: number, width: number, box: { left: number, top: number, width: number, height: number }) {
  let sum = 0
  for (let y = box.top; y < box.top + box.height; y++) {
    for (let x = box.left + 1; x < box.left + box.width; x++) sum += Math.abs(pixels[(y * width + x) * channels]! - pixels[(y * width + x - 1) * channels]!)
  }
  return sum / (box.height * (box.width - 1))
}

describe('blurFaces', () => {
  it.each([3, 4] as const)('smears the face with its margin and leaves the rest of the picture as it was (%i channels)', async (channels) => {
    const picture = await drawnFace(channels)
    const face = { x: 170, y: 190, width: 170, height: 190, score: 0.8 }
    const blurred = await blurFaces(picture, [face])
    expect(blurred.length).toBe(picture.pixels.length)
    const eyes = { left: 170, top: 220, width: 170, height: 40 }
    expect(detail(blurred, channels, picture.width, eyes)).toBeLessThan(detail(picture.pixels, channels, picture.width, eyes) / 4)
    const corner = { left: 0, top: 0, width: 60, height: 60 }
    const pixelsOf = (pixels: Buffer) => [...pixels.subarray(0, 60 * channels)]
    expect(pixelsOf(blurred)).toEqual(pixelsOf(picture.pixels))
    expect(detail(blurred, channels, picture.width, corner)).toBe(detail(picture.pixels, channels, picture.width, corner))
  })

  it('leaves a picture without faces untouched and copes with a face at the edge', async () => {
    const picture = await drawnFace(3)
    expect(await blurFaces(picture, [])).toBe(picture.pixels)
    await expect(blurFaces(picture, [{ x: 480, y: 490, width: 100, height: 100, score: 0.5 }])).resolves.toHaveLength(picture.pixels.length)
  })
})

describe('distinctFaces', () => {
  it('counts a face found at two input sizes once, and two faces side by side twice', () => {
    const a = { x: 10, y: 10, width: 100, height: 100, score: 0.7 }
    const sameFace = { x: 20, y: 15, width: 95, height: 100, score: 0.8 }
    const neighbour = { x: 200, y: 10, width: 100, height: 100, score: 0.6 }
    expect(distinctFaces([a, sameFace, neighbour])).toEqual([sameFace, neighbour])
  })
})
