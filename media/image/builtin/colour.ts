/** A colour as red, green, blue channels in 0..255. */
export interface Rgb { r: number, g: number, b: number }

export function parseHex(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16)
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 }
}

export function toHex({ r, g, b }: Rgb): string {
  const channel = (value: number) => Math.round(Math.min(255, Math.max(0, value))).toString(16).padStart(2, '0')
  return `#${channel(r)}${channel(g)}${channel(b)}`
}

/** `amount` 0 keeps `from`, 1 gives `to`. */
export function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return {
    r: from.r + (to.r - from.r) * amount,
    g: from.g + (to.g - from.g) * amount,
    b: from.b + (to.b - from.b) * amount,
  }
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 }
const BLACK: Rgb = { r: 0, g: 0, b: 0 }

export const lighten = (colour: Rgb, amount: number) => mix(colour, WHITE, amount)
export const darken = (colour: Rgb, amount: number) => mix(colour, BLACK, amount)

/** hue in degrees, saturation and lightness in 0..1. */
export function fromHsl(hue: number, saturation: number, lightness: number): Rgb {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation
  const sector = (((hue % 360) + 360) % 360) / 60
  const second = chroma * (1 - Math.abs((sector % 2) - 1))
  const [r, g, b] = sector < 1 ? [chroma, second, 0]
    : sector < 2 ? [second, chroma, 0]
      : sector < 3 ? [0, chroma, second]
        : sector < 4 ? [0, second, chroma]
          : sector < 5 ? [second, 0, chroma]
            : [chroma, 0, second]
  const base = lightness - chroma / 2
  return { r: (r + base) * 255, g: (g + base) * 255, b: (b + base) * 255 }
}

export function luminance({ r, g, b }: Rgb): number {
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255
}

/** Old albumen prints: every colour becomes a brown of the same brightness. */
export function toSepia(colour: Rgb): Rgb {
  const light = luminance(colour)
  return mix({ r: 44, g: 26, b: 12 }, { r: 246, g: 229, b: 200 }, Math.min(1, light * 1.1))
}
