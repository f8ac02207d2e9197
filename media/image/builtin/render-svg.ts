import { lighten, darken, type Rgb, toHex } from './colour'
import { round } from './draw/paint'

export function svgDocument(width: number, height: number, defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<defs>${defs}</defs>${body}</svg>`
}

export const fullRect = (width: number, height: number, attributes: string) =>
  `<rect x="0" y="0" width="${width}" height="${height}" ${attributes}/>`

/** A texture image laid over the whole picture, mixed in with a blend mode. */
export function textureOverlay(texture: string, width: number, height: number, blend: string, opacity: number): string {
  return `<image x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" opacity="${round(opacity)}" style="mix-blend-mode:${blend}" href="${texture}"/>`
}

/** Collects gradients so each colour's gradient is defined once, however many shapes use it. */
export class GradientBook {
  private readonly entries = new Map<string, string>()

  /** Lit from the top left, darker at the far edge: shapes look round and soft. */
  rounded(colour: Rgb): string {
    return this.add(`r${toHex(colour).slice(1)}`, id =>
      `<radialGradient id="${id}" cx="0.35" cy="0.3" r="0.85"><stop offset="0" stop-color="${toHex(lighten(colour, 0.35))}"/>`
      + `<stop offset="0.55" stop-color="${toHex(colour)}"/><stop offset="1" stop-color="${toHex(darken(colour, 0.22))}"/></radialGradient>`)
  }

  vertical(id: string, stops: Array<[number, Rgb]>): string {
    return this.add(id, key => `<linearGradient id="${key}" x1="0" y1="0" x2="0" y2="1">${
      stops.map(([offset, colour]) => `<stop offset="${offset}" stop-color="${toHex(colour)}"/>`).join('')}</linearGradient>`)
  }

  radial(id: string, stops: Array<[number, Rgb, number?]>, centre: [number, number] = [0.5, 0.5], radius = 0.75): string {
    return this.add(id, key => `<radialGradient id="${key}" cx="${centre[0]}" cy="${centre[1]}" r="${radius}">${
      stops.map(([offset, colour, opacity]) => `<stop offset="${offset}" stop-color="${toHex(colour)}"${opacity === undefined ? '' : ` stop-opacity="${opacity}"`}/>`).join('')}</radialGradient>`)
  }

  defs(): string {
    return [...this.entries.values()].join('')
  }

  private add(id: string, build: (id: string) => string): string {
    if (!this.entries.has(id)) this.entries.set(id, build(id))
    return `url(#${id})`
  }
}
