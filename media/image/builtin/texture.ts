import sharp from '../../../server/utils/media/sharp'

/** paper: soft blotches like watercolour paper; grain: fine film grain. */
export type TextureKind = 'paper' | 'grain'

const SETTINGS: Record<TextureKind, { size: number, frequency: number, octaves: number }> = {
  paper: { size: 160, frequency: 0.035, octaves: 3 },
  grain: { size: 384, frequency: 0.7, octaves: 1 },
}

/**
 * Noise is rendered small and stretched over the picture: feTurbulence over a full 1024² canvas
 * costs librsvg a few hundred milliseconds, a small tile a few.
 */
export async function renderTexture(kind: TextureKind, seed: number): Promise<string> {
  const { size, frequency, octaves } = SETTINGS[kind]
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">`
    + `<filter id="noise" x="0" y="0" width="100%" height="100%">`
    + `<feTurbulence type="fractalNoise" baseFrequency="${frequency}" numOctaves="${octaves}" seed="${seed % 10000}" stitchTiles="stitch"/>`
    + `<feColorMatrix type="saturate" values="0"/></filter>`
    + `<rect width="${size}" height="${size}" filter="url(#noise)"/></svg>`
  const png = await sharp(Buffer.from(svg)).png().toBuffer()
  return `data:image/png;base64,${png.toString('base64')}`
}
