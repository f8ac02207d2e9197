import sharp from '../../server/utils/media/sharp'
import type { Thumbnail } from '../types'
import { readWavLayout } from './wav-layout'

const WAVEFORM_WIDTH = 256
const WAVEFORM_HEIGHT = 128

/** A drawing of a WAV's waveform; null for a file whose samples we cannot read (FLAC, MP3…). */
export async function waveformThumbnail(wav: Buffer): Promise<Thumbnail | null> {
  const samples = readWavChannel(wav)
  return samples ? drawWaveform(samples) : null
}

/** The first channel of a PCM WAV (16-bit integer or 32-bit float) in -1..1; null for anything else. */
function readWavChannel(file: Buffer): Float32Array | null {
  const layout = readWavLayout(file)
  return layout && layout.channels > 0 ? decodeFirstChannel(layout.samples, layout) : null
}

function decodeFirstChannel(data: Buffer, format: { code: number, channels: number, bits: number }): Float32Array | null {
  const pcm16 = format.code === 1 && format.bits === 16
  const float32 = format.code === 3 && format.bits === 32
  if (!pcm16 && !float32) return null
  const frameBytes = (format.bits / 8) * format.channels
  const samples = new Float32Array(Math.floor(data.length / frameBytes))
  for (let index = 0; index < samples.length; index++) {
    samples[index] = pcm16 ? data.readInt16LE(index * frameBytes) / 32768 : data.readFloatLE(index * frameBytes)
  }
  return samples
}

/** Loudest and quietest sample under each pixel column, drawn as a mirrored silhouette. */
async function drawWaveform(samples: Float32Array): Promise<Thumbnail> {
  const middle = WAVEFORM_HEIGHT / 2
  const perColumn = Math.max(1, samples.length / WAVEFORM_WIDTH)
  let loudest = 0
  for (const sample of samples) loudest = Math.max(loudest, Math.abs(sample))
  const scale = (middle - 10) / Math.max(loudest, 0.05)
  const top: string[] = []
  const bottom: string[] = []
  for (let column = 0; column < WAVEFORM_WIDTH; column++) {
    let [high, low] = [0, 0]
    for (let index = Math.floor(column * perColumn); index < Math.min(samples.length, Math.floor((column + 1) * perColumn)); index++) {
      high = Math.max(high, samples[index]!)
      low = Math.min(low, samples[index]!)
    }
    top.push(`${column + 0.5},${(middle - Math.max(0.5, high * scale)).toFixed(1)}`)
    bottom.unshift(`${column + 0.5},${(middle - Math.min(-0.5, low * scale)).toFixed(1)}`)
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WAVEFORM_WIDTH}" height="${WAVEFORM_HEIGHT}">`
    + `<defs><linearGradient id="sky" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#5b4bd6"/><stop offset="1" stop-color="#c1569b"/></linearGradient></defs>`
    + `<rect width="${WAVEFORM_WIDTH}" height="${WAVEFORM_HEIGHT}" fill="url(#sky)"/>`
    + `<line x1="0" y1="${middle}" x2="${WAVEFORM_WIDTH}" y2="${middle}" stroke="#ffffff" stroke-opacity="0.35"/>`
    + `<polygon points="${[...top, ...bottom].join(' ')}" fill="#ffffff" fill-opacity="0.9"/></svg>`
  const data = await sharp(Buffer.from(svg)).webp({ quality: 85 }).toBuffer()
  return { data, width: WAVEFORM_WIDTH, height: WAVEFORM_HEIGHT }
}
