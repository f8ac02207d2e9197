/** What a RIFF WAVE file's `fmt ` chunk says, and where its samples are. */
export interface WavLayout {
  /** 1 = PCM integers, 3 = IEEE float. */
  code: number
  channels: number
  bits: number
  /** Bytes per second of sound. */
  byteRate: number
  /** The `data` chunk's size as its header gives it (a cut-off file holds less). */
  declaredSize: number
  /** The sample bytes that are really there. */
  samples: Buffer
}

/** Walks the chunks up to the first `data` chunk; null for anything that is not a WAV with a format before its data. */
export function readWavLayout(file: Buffer): WavLayout | null {
  if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') return null
  let format: Pick<WavLayout, 'code' | 'channels' | 'bits' | 'byteRate'> | null = null
  for (let offset = 12; offset + 8 <= file.length;) {
    const id = file.toString('ascii', offset, offset + 4)
    const size = file.readUInt32LE(offset + 4)
    const body = offset + 8
    if (id === 'fmt ' && body + 16 <= file.length) {
      format = { code: file.readUInt16LE(body), channels: file.readUInt16LE(body + 2), byteRate: file.readUInt32LE(body + 8), bits: file.readUInt16LE(body + 14) }
    }
    if (id === 'data') return format && { ...format, declaredSize: size, samples: file.subarray(body, Math.min(file.length, body + size)) }
    offset = body + size + (size % 2)
  }
  return null
}
