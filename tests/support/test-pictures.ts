import { crc32 } from 'node:zlib'
import sharp from 'sharp'

/** A child's drawing: a house, a sun and a tree on paper. No people. */
export function drawingSvg(width = 640, height = 480): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 640 480">
  <rect width="640" height="480" fill="#fdf6e3"/>
  <circle cx="540" cy="90" r="55" fill="#f5c400"/>
  <rect x="120" y="220" width="220" height="180" fill="#d9534f"/>
  <polygon points="100,225 230,110 360,225" fill="#6b4226"/>
  <rect x="200" y="300" width="60" height="100" fill="#5bc0de"/>
  <rect x="450" y="260" width="30" height="140" fill="#8b5a2b"/>
  <circle cx="465" cy="230" r="70" fill="#3c9d4e"/>
  <rect y="400" width="640" height="80" fill="#7cb342"/>
</svg>`)
}

/**
 * A face drawn from ellipses and curves (no photo of anyone): skin, hair, eyes with pupils,
 * brows, nose and mouth. face-api's Tiny Face Detector finds it (score about 0.75 at 512 px).
 */
export function drawnFaceSvg(skin = '#e8b894'): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
  <rect width="512" height="512" fill="#7fa7c9"/>
  <ellipse cx="256" cy="270" rx="130" ry="170" fill="${skin}"/>
  <ellipse cx="256" cy="140" rx="140" ry="70" fill="#3b2a1a"/>
  <ellipse cx="205" cy="240" rx="26" ry="14" fill="white"/><circle cx="205" cy="240" r="10" fill="#2b1a0a"/>
  <ellipse cx="307" cy="240" rx="26" ry="14" fill="white"/><circle cx="307" cy="240" r="10" fill="#2b1a0a"/>
  <path d="M175 215 Q205 200 235 215" stroke="#3b2a1a" stroke-width="7" fill="none"/>
  <path d="M277 215 Q307 200 337 215" stroke="#3b2a1a" stroke-width="7" fill="none"/>
  <path d="M256 250 L240 310 Q256 320 272 310" stroke="#b07a5a" stroke-width="5" fill="none"/>
  <path d="M210 355 Q256 385 302 355" stroke="#a0404a" stroke-width="9" fill="none"/>
</svg>`)
}

/** A sticker: a star on nothing, transparent around it. */
export const stickerSvg = (width: number, height: number) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 100 75">
  <polygon points="50,5 61,30 88,30 66,47 75,72 50,56 25,72 34,47 12,30 39,30" fill="#f5c400"/>
</svg>`)

export const drawing = (format: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' = 'jpeg') => sharp(drawingSvg()).flatten({ background: '#ffffff' }).toFormat(format).toBuffer()

/** 64 × 32, its top-left quarter red and the rest white: where the red lands shows how the picture was turned. */
export async function orientationMarker(orientation: number): Promise<Buffer> {
  const red = await sharp({ create: { width: 32, height: 16, channels: 3, background: '#ff0000' } }).png().toBuffer()
  return sharp({ create: { width: 64, height: 32, channels: 3, background: '#ffffff' } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg({ quality: 95 }).withMetadata({ orientation }).toBuffer()
}

/** Where EXIF orientation `o` shows the stored pixel (x, y) of a `width` × `height` picture (EXIF 2.32, tag 0x0112). */
export function shownAt(o: number, x: number, y: number, width: number, height: number): [number, number] {
  switch (o) {
    case 2: return [width - 1 - x, y]
    case 3: return [width - 1 - x, height - 1 - y]
    case 4: return [x, height - 1 - y]
    case 5: return [y, x]
    case 6: return [height - 1 - y, x]
    case 7: return [height - 1 - y, width - 1 - x]
    case 8: return [y, width - 1 - x]
    default: return [x, y]
  }
}

/** A PNG whose header claims `width` × `height` (30,000 × 30,000 = 900 megapixels) in a file of a few hundred bytes. */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  // A deflate stream of zeros that would inflate to gigabytes if anyone decoded it.
  const idat = Buffer.from('78da edc1010d000000c2a0f74f6d0e37a00000000000000000be0d', 'hex')
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}
