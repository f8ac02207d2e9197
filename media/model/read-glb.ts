import { NodeIO, type Document } from '@gltf-transform/core'

/** The model's triangles in world space (9 numbers each) with one linear RGB colour per triangle. */
export interface ModelTriangles { positions: Float32Array, colours: Float32Array, count: number }

const TRIANGLES = 4
/** Beyond this the thumbnail and the probe stop reading (a scanned statue can have millions). */
const MAX_TRIANGLES = 2_000_000

/** Whether the bytes start like binary glTF 2.0: magic `glTF`, version 2, the length the header says. */
export function isGlb(data: Buffer): boolean {
  return data.length >= 20 && data.toString('latin1', 0, 4) === 'glTF' && data.readUInt32LE(4) === 2 && data.readUInt32LE(8) === data.length
}

export const readGlb = (data: Buffer): Promise<Document> => new NodeIO().readBinary(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))

/** Every triangle of every mesh the default scene shows, moved by its node's world matrix. */
export function trianglesOf(document: Document): ModelTriangles {
  const positions: number[] = []
  const colours: number[] = []
  const scene = document.getRoot().getDefaultScene() ?? document.getRoot().listScenes()[0]
  const point = [0, 0, 0]
  scene?.traverse((node) => {
    const mesh = node.getMesh()
    if (!mesh) return
    const m = node.getWorldMatrix()
    for (const primitive of mesh.listPrimitives()) {
      const position = primitive.getAttribute('POSITION')
      if (!position || primitive.getMode() !== TRIANGLES) continue
      const colour = primitive.getMaterial()?.getBaseColorFactor() ?? [0.8, 0.8, 0.8, 1]
      const indices = primitive.getIndices()
      const corners = indices ? indices.getCount() : position.getCount()
      for (let corner = 0; corner + 2 < corners && positions.length / 9 < MAX_TRIANGLES; corner += 3) {
        for (let k = 0; k < 3; k++) {
          position.getElement(indices ? indices.getScalar(corner + k) : corner + k, point)
          const [x, y, z] = point as [number, number, number]
          positions.push(m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13], m[2] * x + m[6] * y + m[10] * z + m[14])
        }
        colours.push(colour[0], colour[1], colour[2])
      }
    }
  })
  return { positions: Float32Array.from(positions), colours: Float32Array.from(colours), count: positions.length / 9 }
}

/** The box around all triangles, rounded to millimetres of a model in metres. */
export function boundsOf({ positions, count }: ModelTriangles): { min: number[], max: number[] } | null {
  if (count === 0) return null
  const min = [Infinity, Infinity, Infinity]
  const max = [-Infinity, -Infinity, -Infinity]
  for (let index = 0; index < positions.length; index++) {
    const axis = index % 3
    min[axis] = Math.min(min[axis]!, positions[index]!)
    max[axis] = Math.max(max[axis]!, positions[index]!)
  }
  const round = (value: number) => Math.round(value * 1000) / 1000
  return { min: min.map(round), max: max.map(round) }
}
