import sharp from '../../server/utils/media/sharp'
import type { Thumbnail } from '../types'
import { boundsOf, type ModelTriangles } from './read-glb'

const SIZE = 256
const BACKGROUND = [238, 240, 244]
/** Seen from the front right and a little above, as a child holds a model in front of them. */
const YAW = (35 * Math.PI) / 180
const PITCH = (25 * Math.PI) / 180
const LIGHT = normalise([0.4, 0.8, 0.45])

function normalise(v: number[]): number[] {
  const length = Math.hypot(v[0]!, v[1]!, v[2]!) || 1
  return v.map(value => value / length)
}

const toSrgb = (linear: number) => Math.round(255 * (linear <= 0.0031308 ? linear * 12.92 : 1.055 * linear ** (1 / 2.4) - 0.055))

/**
 * A picture of the model drawn on the CPU (no GPU on the server): every triangle turned to the
 * view, shaded by its angle to the light and painted into a depth buffer, nearest wins. The same
 * picture the gallery shows is the one the child-safety picture check sees.
 */
export async function modelThumbnail(model: ModelTriangles): Promise<Thumbnail | null> {
  const bounds = boundsOf(model)
  if (!bounds) return null
  const centre = [0, 1, 2].map(axis => (bounds.min[axis]! + bounds.max[axis]!) / 2)
  const radius = Math.hypot(...[0, 1, 2].map(axis => bounds.max[axis]! - bounds.min[axis]!)) / 2 || 1
  const scale = (SIZE * 0.46) / radius
  const [cy, sy, cp, sp] = [Math.cos(YAW), Math.sin(YAW), Math.cos(PITCH), Math.sin(PITCH)]
  const view = (x: number, y: number, z: number) => {
    const [dx, dy, dz] = [x - centre[0]!, y - centre[1]!, z - centre[2]!]
    const rx = cy * dx - sy * dz
    const rz = sy * dx + cy * dz
    const ry = cp * dy - sp * rz
    const depth = sp * dy + cp * rz
    return [SIZE / 2 + rx * scale, SIZE / 2 - ry * scale, depth]
  }
  const pixels = Buffer.alloc(SIZE * SIZE * 3)
  for (let index = 0; index < SIZE * SIZE; index++) pixels.set(BACKGROUND, index * 3)
  const depth = new Float32Array(SIZE * SIZE).fill(-Infinity)
  const p = model.positions
  for (let t = 0; t < model.count; t++) {
    const o = t * 9
    const a = view(p[o]!, p[o + 1]!, p[o + 2]!)
    const b = view(p[o + 3]!, p[o + 4]!, p[o + 5]!)
    const c = view(p[o + 6]!, p[o + 7]!, p[o + 8]!)
    const normal = normalise(cross([p[o + 3]! - p[o]!, p[o + 4]! - p[o + 1]!, p[o + 5]! - p[o + 2]!], [p[o + 6]! - p[o]!, p[o + 7]! - p[o + 1]!, p[o + 8]! - p[o + 2]!]))
    const light = 0.35 + 0.65 * Math.abs(normal[0]! * LIGHT[0]! + normal[1]! * LIGHT[1]! + normal[2]! * LIGHT[2]!)
    const colour = [0, 1, 2].map(channel => toSrgb(Math.min(1, model.colours[t * 3 + channel]! * light)))
    fillTriangle(a, b, c, (x, y, z) => {
      const at = y * SIZE + x
      if (z <= depth[at]!) return
      depth[at] = z
      pixels[at * 3] = colour[0]!
      pixels[at * 3 + 1] = colour[1]!
      pixels[at * 3 + 2] = colour[2]!
    })
  }
  const data = await sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } }).webp({ quality: 80 }).toBuffer()
  return { data, width: SIZE, height: SIZE }
}

function cross(u: number[], v: number[]): number[] {
  return [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!]
}

/** Calls `plot` for every pixel centre inside the triangle, with its interpolated depth. */
function fillTriangle(a: number[], b: number[], c: number[], plot: (x: number, y: number, z: number) => void) {
  const area = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!)
  if (Math.abs(area) < 1e-9) return
  const minX = Math.max(0, Math.floor(Math.min(a[0]!, b[0]!, c[0]!)))
  const maxX = Math.min(SIZE - 1, Math.ceil(Math.max(a[0]!, b[0]!, c[0]!)))
  const minY = Math.max(0, Math.floor(Math.min(a[1]!, b[1]!, c[1]!)))
  const maxY = Math.min(SIZE - 1, Math.ceil(Math.max(a[1]!, b[1]!, c[1]!)))
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5
      const py = y + 0.5
      const w0 = ((b[0]! - px) * (c[1]! - py) - (b[1]! - py) * (c[0]! - px)) / area
      const w1 = ((c[0]! - px) * (a[1]! - py) - (c[1]! - py) * (a[0]! - px)) / area
      const w2 = 1 - w0 - w1
      if (w0 < 0 || w1 < 0 || w2 < 0) continue
      plot(x, y, w0 * a[2]! + w1 * b[2]! + w2 * c[2]!)
    }
  }
}
