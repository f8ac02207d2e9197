const HEADER_BYTES = 44
const BYTES_PER_SAMPLE = 2

/** The 44-byte RIFF header of a 16-bit PCM mono WAV file. */
export function wavHeader(sampleCount: number, sampleRate: number): Buffer {
  const dataBytes = sampleCount * BYTES_PER_SAMPLE
  const header = Buffer.alloc(HEADER_BYTES)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * BYTES_PER_SAMPLE, 28)
  header.writeUInt16LE(BYTES_PER_SAMPLE, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataBytes, 40)
  return header
}

/** Samples in -1..1 become a complete WAV file; anything beyond is clamped, never wrapped. */
export function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const file = Buffer.alloc(HEADER_BYTES + samples.length * BYTES_PER_SAMPLE)
  wavHeader(samples.length, sampleRate).copy(file, 0)
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  for (let index = 0; index < samples.length; index++) {
    const clamped = Math.max(-1, Math.min(1, samples[index]!))
    view.setInt16(HEADER_BYTES + index * BYTES_PER_SAMPLE, Math.round(clamped * 32767), true)
  }
  return file
}
