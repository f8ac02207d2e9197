import { parseHex, type Rgb } from '../../colour'
import { blankRaster, throughSharp } from '../raster'
import type { Treatment } from './treatment'

const BLACK = parseHex('#1b1b1b')
const GREY = parseHex('#9a9892')
const WHITE = parseHex('#f2eee3')
const PRIMARIES: Rgb[] = [parseHex('#d7261e'), parseHex('#f2c118'), parseHex('#1f4ea3')]

function hueOf({ r, g, b }: Rgb): number {
  const max = Math.max(r, g, b), min = Math.min(r, g, b)
  if (max === min) return 0
  const hue = max === r ? (g - b) / (max - min) : max === g ? 2 + (b - r) / (max - min) : 4 + (r - g) / (max - min)
  return (hue * 60 + 360) % 360
}

const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b))

const lightOf = ({ r, g, b }: Rgb) => 0.299 * r + 0.587 * g + 0.114 * b

/**
 * Grey pixels go to black, grey or white by brightness, pale ones to white; coloured ones to the
 * primary (or the idea's colour) nearest in hue and brightness, so light and dark stay where the
 * photo had them and the picture remains recognisable.
 */
function toPalette(colour: Rgb, primaries: Rgb[], hues: number[]): Rgb {
  const light = lightOf(colour)
  const chroma = Math.max(colour.r, colour.g, colour.b) - Math.min(colour.r, colour.g, colour.b)
  if (chroma < 70 || light > 225 || (light > 170 && chroma < 150)) return light < 75 ? BLACK : light < 170 ? GREY : WHITE
  const hue = hueOf(colour)
  const cost = (index: number) => hueDistance(hue, hues[index]!) / 180 + (1.2 * Math.abs(light - lightOf(primaries[index]!))) / 255
  let nearest = 0
  for (let index = 1; index < hues.length; index++) if (cost(index) < cost(nearest)) nearest = index
  return primaries[nearest]!
}

/**
 * Bauhaus: the photo reduced to its palette and geometry. A coarse grid of blocks (its size from
 * the seed) takes the simplified colour of the photo beneath, mapped to red, yellow, blue, black,
 * grey and white; black bars separate blocks of different colour, as in a de Stijl composition.
 */
export const bauhausGeometry: Treatment = async (input, steer) => {
  const { width, height } = input
  const block = Math.max(4, Math.round(Math.min(width, height) / (26 + Math.floor(steer.rand() * 14))))
  const columns = Math.ceil(width / block), rows = Math.ceil(height / block)
  const small = await throughSharp(input, image => image.median(3).resize(columns, rows, { fit: 'fill' }))
  const primaries = steer.accent && steer.accentStrength === 1 ? [...PRIMARIES, steer.accent] : PRIMARIES
  const hues = primaries.map(hueOf)
  const colours: Rgb[] = []
  for (let index = 0; index < columns * rows; index++) {
    const at = index * 3
    colours.push(toPalette({ r: small.pixels[at]!, g: small.pixels[at + 1]!, b: small.pixels[at + 2]! }, primaries, hues))
  }
  const bar = Math.max(1, Math.round(block / 7))
  const out = blankRaster(width, height)
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block), inRow = y % block
    for (let x = 0; x < width; x++) {
      const column = Math.floor(x / block), inColumn = x % block
      const colour = colours[row * columns + column]!
      const left = column > 0 && inColumn < bar && colours[row * columns + column - 1] !== colour
      const above = row > 0 && inRow < bar && colours[(row - 1) * columns + column] !== colour
      const paint = left || above ? BLACK : colour
      const at = (y * width + x) * 3
      out.pixels[at] = paint.r
      out.pixels[at + 1] = paint.g
      out.pixels[at + 2] = paint.b
    }
  }
  return out
}
