import sharp from '../../../../../../server/utils/media/sharp'

/**
 * Test pictures drawn with sharp from SVG: shapes and gradients with clear edges and areas of
 * different brightness and colour, so resemblance can be measured. No photos of people.
 */
const svg = (width: number, height: number, body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 400 400" preserveAspectRatio="none">${body}</svg>`)

/** A house by the sea: sky gradient, sun, red house, green hill, blue water. */
export const HOUSE = `
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fb8f0"/><stop offset="1" stop-color="#e8f4ff"/></linearGradient></defs>
  <rect width="400" height="400" fill="url(#sky)"/>
  <circle cx="320" cy="80" r="42" fill="#ffd43b"/>
  <rect x="0" y="300" width="400" height="100" fill="#1f5fa8"/>
  <ellipse cx="140" cy="310" rx="190" ry="70" fill="#3d9a46"/>
  <rect x="90" y="170" width="120" height="110" fill="#d63a2f"/>
  <polygon points="80,172 150,105 220,172" fill="#5a2e1a"/>
  <rect x="135" y="220" width="30" height="60" fill="#2b1a10"/>`

/** Bold geometry: a dark square, a yellow circle and a magenta triangle on a light-to-dark diagonal. */
export const SHAPES = `
  <defs><linearGradient id="ground" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f4f1ea"/><stop offset="1" stop-color="#3a3f4a"/></linearGradient></defs>
  <rect width="400" height="400" fill="url(#ground)"/>
  <rect x="40" y="40" width="150" height="150" fill="#1b1b2a"/>
  <circle cx="270" cy="140" r="90" fill="#f2c230"/>
  <polygon points="60,360 200,220 340,360" fill="#d43c8c"/>`

/** Vertical stripes of green and white with a dark band: very different from the other two. */
export const STRIPES = `
  <rect width="400" height="400" fill="#fafafa"/>
  ${Array.from({ length: 5 }, (_, index) => `<rect x="${index * 80}" y="0" width="40" height="400" fill="#2f8f4f"/>`).join('')}
  <rect x="0" y="170" width="400" height="60" fill="#222"/>`

export async function jpeg(body: string, width = 800, height = 600): Promise<Buffer> {
  return sharp(svg(width, height, body)).jpeg({ quality: 88 }).toBuffer()
}

export async function png(body: string, width = 800, height = 600): Promise<Buffer> {
  return sharp(svg(width, height, body)).png().toBuffer()
}

/** A PNG with transparency: the shapes on nothing, the rest see-through. */
export async function transparentPng(width = 300, height = 300): Promise<Buffer> {
  const body = `<circle cx="200" cy="200" r="140" fill="#2f6fd6"/><rect x="60" y="60" width="120" height="120" fill="#e0312b"/>`
  return sharp(svg(width, height, body)).png().toBuffer()
}

/**
 * Three patterns with structure everywhere and nothing in common (horizontal bands, vertical bands,
 * rings): in a blend every picture is everywhere, so only pictures with contrast in every area
 * show fairly which one a place holds most of.
 */
export const PATTERNS = [
  `<rect width="400" height="400" fill="#f2efe6"/>${Array.from({ length: 7 }, (_, index) => `<rect x="0" y="${index * 60}" width="400" height="${18 + (index % 3) * 8}" fill="#c0392b"/>`).join('')}`,
  `<rect width="400" height="400" fill="#eef6ee"/>${Array.from({ length: 9 }, (_, index) => `<rect x="${index * 46}" y="0" width="${16 + (index % 2) * 10}" height="400" fill="#1e5a8c"/>`).join('')}`,
  `<rect width="400" height="400" fill="#fff6d8"/>${Array.from({ length: 9 }, (_, index) => `<circle cx="${(index % 3) * 140 + 60}" cy="${Math.floor(index / 3) * 140 + 60}" r="${30 + (index % 4) * 6}" fill="#222"/>`).join('')}`,
]
