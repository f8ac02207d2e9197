import { describe, expect, it } from 'vitest'
import { model } from '../../../../media/model/server'
import { modelScene } from '../../../../media/model/builtin/model-scene'
import sharp from '../../../../server/utils/media/sharp'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'

const output = { id: 'model_builtin', media_type: 'model', provider: 'builtin_model', parameters: {} } as unknown as OutputConfig
const perspective = { id: 'bauhaus' } as Perspective

const make = (prompt: string, seed = 7) => model.builtinProviders()[0]!.generate({ prompt, seed, perspective, output })

/** The GLB container as the glTF 2.0 spec lays it out: 12-byte header, then chunks of length, type, data. */
function chunksOf(glb: Buffer) {
  const chunks: Array<{ type: string, data: Buffer }> = []
  for (let offset = 12; offset < glb.length;) {
    const length = glb.readUInt32LE(offset)
    chunks.push({ type: glb.toString('latin1', offset + 4, offset + 8), data: glb.subarray(offset + 8, offset + 8 + length) })
    expect(length % 4).toBe(0)
    offset += 8 + length
  }
  return chunks
}

describe('built-in 3D model', () => {
  it('is a binary glTF 2.0 file: magic, version 2, its own length, a JSON chunk and a BIN chunk the JSON describes', async () => {
    const { data, mime, extension } = await make('three red balls and a blue house under the sun')
    expect([mime, extension]).toEqual(['model/gltf-binary', 'glb'])
    expect(data.toString('latin1', 0, 4)).toBe('glTF')
    expect(data.readUInt32LE(4)).toBe(2)
    expect(data.readUInt32LE(8)).toBe(data.length)
    const chunks = chunksOf(data)
    expect(chunks.map(chunk => chunk.type)).toEqual(['JSON', 'BIN\0'])
    const json = JSON.parse(chunks[0]!.data.toString('utf8').trimEnd())
    expect(json.asset.version).toBe('2.0')
    expect(json.buffers).toEqual([{ byteLength: expect.any(Number) }])
    expect(json.buffers[0].byteLength).toBeLessThanOrEqual(chunks[1]!.data.length)
    for (const view of json.bufferViews) expect(view.byteOffset + view.byteLength).toBeLessThanOrEqual(json.buffers[0].byteLength)
    expect(json.nodes.map((node: { name: string }) => node.name)).toEqual(['base', '1 balls', '2 balls', '3 balls', '4 house', '5 sun'])
  })

  it('gives the same bytes for the same prompt and seed, and other bytes for another seed', async () => {
    const first = await make('a green tree and two yellow stars', 11)
    expect((await make('a green tree and two yellow stars', 11)).data.equals(first.data)).toBe(true)
    expect((await make('a green tree and two yellow stars', 12)).data.equals(first.data)).toBe(false)
  })

  it('takes colours, solids and counts from the words, in English and German', () => {
    const english = modelScene('four purple cubes', 'bauhaus', 1).solids
    expect(english.map(solid => solid.kind)).toEqual(['box', 'box', 'box', 'box'])
    expect(english[0]!.colour).toEqual([expect.closeTo(0.26, 1), expect.closeTo(0.08, 1), expect.closeTo(0.64, 1)])
    const german = modelScene('drei rote Kugeln', 'bauhaus', 1).solids
    expect(german.map(solid => solid.kind)).toEqual(['sphere', 'sphere', 'sphere'])
    expect(german[0]!.colour[0]).toBeGreaterThan(0.7)
    const sky = modelScene('a red house under the sun', 'bauhaus', 1).solids
    expect(sky.map(solid => [solid.word, solid.kind, solid.position[1] > 1])).toEqual([['house', 'box', false], ['sun', 'sphere', true]])
  })

  it('probes bounds and triangle count from the bytes', async () => {
    const probe = await model.probe(await make('a red ball'))
    const details = probe.details!
    // The base (16-sided cylinder: 64 triangles) and one sphere (8 rings × 14 sides, caps single: 14 × 14 = 196).
    expect(details.triangles).toBe(64 + 196)
    expect(details.bounds_min).toEqual([expect.closeTo(-2.2, 1), expect.closeTo(-0.08, 2), expect.closeTo(-2.2, 1)])
    expect((details.bounds_max as number[])[1]).toBeGreaterThan(0.5)
    expect(details.format).toBe('glb')
  })

  it('draws a thumbnail that shows the object: the colour of the ball in the middle, the background at the corner', async () => {
    const thumbnail = (await model.thumbnail(await make('a red ball')))!
    const { data, info } = await sharp(thumbnail.data).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([256, 256])
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
    const [r, g, b] = pixel(128, 110)
    expect(r).toBeGreaterThan(g! + 60)
    expect(r).toBeGreaterThan(b! + 60)
    expect(pixel(2, 2)).toEqual([expect.closeTo(238, -1), expect.closeTo(240, -1), expect.closeTo(244, -1)])
    expect(await model.picturesToCheck!({ data: Buffer.alloc(0), thumbnail: async () => thumbnail.data })).toEqual([thumbnail.data])
  })

  it('refuses bytes from a backend that are not binary glTF', async () => {
    await expect(model.fromDownload({ data: Buffer.from('<html>nope</html>'), contentType: 'text/html', url: 'https://x', label: 'Replicate' })).rejects.toThrow(/not a binary glTF/)
  })
})
