/** One solid's triangles, about one unit across, standing on y = 0 and centred on the y axis. */
export interface Solid { positions: number[], normals: number[], indices: number[] }

export type SolidKind = 'sphere' | 'box' | 'cone' | 'pyramid' | 'cylinder' | 'star' | 'torus'

const TAU = Math.PI * 2

/** Flat-shaded faces: every triangle gets its own three vertices and its face normal, as a child's model of blocks looks. */
class SolidBuilder {
  readonly solid: Solid = { positions: [], normals: [], indices: [] }

  triangle(a: number[], b: number[], c: number[]) {
    const u = [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!]
    const v = [c[0]! - a[0]!, c[1]! - a[1]!, c[2]! - a[2]!]
    const n = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!]
    const length = Math.hypot(n[0]!, n[1]!, n[2]!) || 1
    const start = this.solid.positions.length / 3
    for (const point of [a, b, c]) {
      this.solid.positions.push(round(point[0]!), round(point[1]!), round(point[2]!))
      this.solid.normals.push(round(n[0]! / length), round(n[1]! / length), round(n[2]! / length))
    }
    this.solid.indices.push(start, start + 1, start + 2)
  }

  quad(a: number[], b: number[], c: number[], d: number[]) {
    this.triangle(a, b, c)
    this.triangle(a, c, d)
  }
}

// Rounded so the bytes do not depend on the last bit of Math.sin on one machine or another.
const round = (value: number) => Math.round(value * 1e5) / 1e5

/** A ring of `sides` points at height y: the walls of cylinders, cones and prisms. */
const ring = (sides: number, radius: (index: number) => number, y: number) =>
  Array.from({ length: sides }, (_, index) => {
    const angle = (index / sides) * TAU
    return [Math.cos(angle) * radius(index), y, -Math.sin(angle) * radius(index)]
  })

/** A prism or frustum between two rings (tip when the top radius is 0), with its caps. */
function lathe(sides: number, bottom: (index: number) => number, top: (index: number) => number, height: number): Solid {
  const builder = new SolidBuilder()
  const low = ring(sides, bottom, 0)
  const high = ring(sides, top, height)
  for (let index = 0; index < sides; index++) {
    const next = (index + 1) % sides
    builder.quad(low[index]!, low[next]!, high[next]!, high[index]!)
    builder.triangle([0, 0, 0], low[next]!, low[index]!)
    builder.triangle([0, height, 0], high[index]!, high[next]!)
  }
  return builder.solid
}

function sphere(): Solid {
  const builder = new SolidBuilder()
  const rings = 8
  const sides = 14
  const point = (ringIndex: number, side: number) => {
    const polar = (ringIndex / rings) * Math.PI
    const angle = (side / sides) * TAU
    return [Math.sin(polar) * Math.cos(angle) * 0.5, 0.5 + Math.cos(polar) * 0.5, -Math.sin(polar) * Math.sin(angle) * 0.5]
  }
  for (let ringIndex = 0; ringIndex < rings; ringIndex++) {
    for (let side = 0; side < sides; side++) {
      const [a, b, c, d] = [point(ringIndex, side), point(ringIndex + 1, side), point(ringIndex + 1, side + 1), point(ringIndex, side + 1)]
      if (ringIndex > 0) builder.triangle(a, b, d)
      if (ringIndex < rings - 1) builder.triangle(b, c, d)
    }
  }
  return builder.solid
}

/** An upright ring (a rainbow's or a moon's arc in the round). */
function torus(): Solid {
  const builder = new SolidBuilder()
  const around = 16
  const tube = 8
  const point = (i: number, j: number) => {
    const u = (i / around) * TAU
    const v = (j / tube) * TAU
    const radius = 0.36 + Math.cos(v) * 0.14
    return [Math.cos(u) * radius, 0.5 + Math.sin(u) * radius, Math.sin(v) * 0.14]
  }
  for (let i = 0; i < around; i++) {
    for (let j = 0; j < tube; j++) builder.quad(point(i, j), point(i + 1, j), point(i + 1, j + 1), point(i, j + 1))
  }
  return builder.solid
}

const SOLIDS: Record<SolidKind, () => Solid> = {
  sphere,
  box: () => lathe(4, () => Math.SQRT1_2 * 0.9, () => Math.SQRT1_2 * 0.9, 0.9),
  cone: () => lathe(16, () => 0.5, () => 0, 1),
  pyramid: () => lathe(4, () => 0.6, () => 0, 0.9),
  cylinder: () => lathe(16, () => 0.4, () => 0.4, 1),
  star: () => lathe(10, index => (index % 2 === 0 ? 0.55 : 0.24), index => (index % 2 === 0 ? 0.55 : 0.24), 0.25),
  torus,
}

/** The triangles of one kind of solid; built anew each time, so a caller may scale them in place. */
export const solidOf = (kind: SolidKind): Solid => SOLIDS[kind]()
