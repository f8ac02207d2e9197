import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Document, NodeIO } from '@gltf-transform/core'
import sharp from 'sharp'
import { runFfmpeg, withTempFolder } from '../../media/video/ffmpeg'

// Small files of the kinds ComfyUI's save nodes write, real enough to be told apart by their bytes.

/** A PNG of the given size, its colour picked by `seed`. */
export function png(width: number, height: number, seed: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: seed * 40 % 256, g: 120, b: 200 } } }).png().toBuffer()
}

/** A two-frame animated WebP, as SaveAnimatedWEBP writes (nodes_images.py). */
export function animatedWebp(width: number, height: number): Promise<Buffer> {
  const frames = Buffer.alloc(width * height * 2 * 3, 90)
  frames.fill(200, width * height * 3)
  return sharp(frames, { raw: { width, height: height * 2, channels: 3, pageHeight: height } }).webp({ loop: 0, delay: [100, 100] }).toBuffer()
}

/**
 * A real one-second video as SaveVideo (mp4, h264, yuv420p; comfy_api/latest/_input_impl/video_types.py,
 * which writes the index after the data) or SaveWEBM (vp9, comfy_extras/nodes_video.py) leaves it:
 * a coloured ground with a white square crossing it, encoded by the ffmpeg the server ships.
 */
export function videoFile(container: 'mp4' | 'webm', width: number, height: number): Promise<Buffer> {
  const key = `${container}:${width}x${height}`
  let made = videoFiles.get(key)
  if (!made) {
    made = encodeTestVideo(container, width, height)
    videoFiles.set(key, made)
  }
  return made
}

const videoFiles = new Map<string, Promise<Buffer>>()

function encodeTestVideo(container: 'mp4' | 'webm', width: number, height: number): Promise<Buffer> {
  const side = Math.round(Math.min(width, height) / 4)
  const source = `color=c=0x3a86d8:s=${width}x${height}:r=8:d=1,drawbox=x=t*${width - side}:y=${Math.round((height - side) / 2)}:w=${side}:h=${side}:color=white:t=fill`
  const codec = container === 'mp4' ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'] : ['-c:v', 'libvpx-vp9', '-b:v', '200k', '-pix_fmt', 'yuv420p']
  return withTempFolder(async (folder) => {
    const file = join(folder, `video.${container}`)
    await runFfmpeg(['-f', 'lavfi', '-i', source, ...codec, '-y', file], { timeoutMs: 60_000 })
    return readFile(file)
  })
}

/**
 * 0.1 s of silence as FLAC, ComfyUI's SaveAudio default (nodes_audio.py): the fLaC marker, a
 * STREAMINFO block and one frame of 800 samples at 8 kHz, mono 16-bit, in a CONSTANT subframe.
 */
export function silentFlac(): Buffer {
  const samples = 800
  const info = Buffer.alloc(34)
  info.writeUInt16BE(samples, 0)
  info.writeUInt16BE(samples, 2)
  // 20 bits sample rate, 3 bits channels-1, 5 bits bits-per-sample-1, 36 bits total samples; then MD5 (zero: unknown).
  const packed = (8000n << 44n) | (0n << 41n) | (15n << 36n) | BigInt(samples)
  info.writeBigUInt64BE(packed, 10)
  const blockHeader = Buffer.from([0x80, 0x00, 0x00, 34])
  // Sync, block size from 16 bits at the end (0111), 8 kHz (0100), mono, 16-bit, frame 0, 799.
  const header = Buffer.from([0xFF, 0xF8, 0x74, 0x08, 0x00, (samples - 1) >> 8, (samples - 1) & 0xFF])
  const headed = Buffer.concat([header, Buffer.from([crc8(header)])])
  const frame = Buffer.concat([headed, Buffer.from([0x00, 0x00, 0x00])])
  const footer = Buffer.alloc(2)
  footer.writeUInt16BE(crc16(frame))
  return Buffer.concat([Buffer.from('fLaC'), blockHeader, info, frame, footer])
}

function box32(value: number) {
  const buffer = Buffer.alloc(4)
  buffer.writeUInt32BE(value)
  return buffer
}

function crc8(bytes: Buffer) {
  let crc = 0
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF
  }
  return crc
}

function crc16(bytes: Buffer) {
  let crc = 0
  for (const byte of bytes) {
    crc ^= byte << 8
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF
  }
  return crc
}

/**
 * A one-mesh GLB as ComfyUI's SaveGLB writes it (nodes_hunyuan3d.py save_glb: one mesh of
 * POSITION and uint32 indices, no material): a green-grey tetrahedron standing on y = 0.
 */
export function tetrahedronGlb(): Promise<Buffer> {
  const document = new Document()
  const buffer = document.createBuffer()
  const positions = new Float32Array([-0.5, 0, -0.4, 0.5, 0, -0.4, 0, 0, 0.5, 0, 0.9, 0])
  const indices = new Uint32Array([0, 2, 1, 0, 1, 3, 1, 2, 3, 2, 0, 3])
  const primitive = document.createPrimitive()
    .setAttribute('POSITION', document.createAccessor().setType('VEC3').setArray(positions).setBuffer(buffer))
    .setIndices(document.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer))
  document.createScene().addChild(document.createNode().setMesh(document.createMesh().addPrimitive(primitive)))
  return new NodeIO().writeBinary(document).then(bytes => Buffer.from(bytes))
}
