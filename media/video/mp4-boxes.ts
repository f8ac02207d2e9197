/**
 * Reads the few facts an MP4 (ISO BMFF, ISO/IEC 14496-12) states about itself, straight from its
 * boxes: no decoder, no ffprobe. Enough for metadata.json and for tests that the file is playable.
 */
export interface Mp4Box { type: string, start: number, body: number, end: number }

export interface Mp4Facts {
  /** Box types at the top level, in file order (ftyp, moov, mdat… ; moov before mdat = fast start). */
  topLevel: string[]
  brand: string
  duration_s: number | null
  width: number | null
  height: number | null
  fps: number | null
  /** The video sample entry in stsd: avc1 (H.264), hvc1/hev1 (H.265), vp09, av01… */
  codec: string | null
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl'])

/** The boxes between start and end; a box whose size runs past the end stops the walk. */
export function childBoxes(data: Buffer, start = 0, end = data.length): Mp4Box[] {
  const boxes: Mp4Box[] = []
  for (let offset = start; offset + 8 <= end;) {
    let size = data.readUInt32BE(offset)
    let body = offset + 8
    if (size === 1 && offset + 16 <= end) {
      size = Number(data.readBigUInt64BE(offset + 8))
      body = offset + 16
    }
    else if (size === 0) size = end - offset
    if (size < body - offset || offset + size > end) break
    boxes.push({ type: data.toString('latin1', offset + 4, offset + 8), start: offset, body, end: offset + size })
    offset += size
  }
  return boxes
}

/** The first box down a path of types, e.g. ['moov', 'trak', 'mdia']. */
function find(data: Buffer, path: string[], within?: Mp4Box): Mp4Box | undefined {
  let boxes = childBoxes(data, within?.body ?? 0, within?.end ?? data.length)
  let found: Mp4Box | undefined
  for (const type of path) {
    found = boxes.find(box => box.type === type)
    if (!found) return undefined
    boxes = CONTAINERS.has(type) ? childBoxes(data, found.body, found.end) : []
  }
  return found
}

/** A full box's timescale and duration (mvhd, mdhd): version 1 uses 64-bit times. */
function timescaleAndDuration(data: Buffer, box: Mp4Box): { timescale: number, duration: number } {
  const version = data[box.body]
  return version === 1
    ? { timescale: data.readUInt32BE(box.body + 20), duration: Number(data.readBigUInt64BE(box.body + 24)) }
    : { timescale: data.readUInt32BE(box.body + 12), duration: data.readUInt32BE(box.body + 16) }
}

function videoTrack(data: Buffer, moov: Mp4Box): Mp4Box | undefined {
  return childBoxes(data, moov.body, moov.end).filter(box => box.type === 'trak').find((trak) => {
    const hdlr = find(data, ['mdia', 'hdlr'], trak)
    return hdlr && data.toString('latin1', hdlr.body + 8, hdlr.body + 12) === 'vide'
  })
}

export function readMp4(data: Buffer): Mp4Facts | null {
  const top = childBoxes(data)
  const ftyp = top.find(box => box.type === 'ftyp')
  const moov = top.find(box => box.type === 'moov')
  if (!ftyp || !moov) return null
  const facts: Mp4Facts = { topLevel: top.map(box => box.type), brand: data.toString('latin1', ftyp.body, ftyp.body + 4), duration_s: null, width: null, height: null, fps: null, codec: null }
  const mvhd = find(data, ['mvhd'], moov)
  if (mvhd) {
    const { timescale, duration } = timescaleAndDuration(data, mvhd)
    facts.duration_s = timescale > 0 ? Math.round(duration / timescale * 1000) / 1000 : null
  }
  const trak = videoTrack(data, moov)
  if (!trak) return facts
  const tkhd = find(data, ['tkhd'], trak)
  if (tkhd) {
    // Width and height close the box as 16.16 fixed-point numbers, whatever its version.
    facts.width = data.readUInt32BE(tkhd.end - 8) >>> 16
    facts.height = data.readUInt32BE(tkhd.end - 4) >>> 16
  }
  const stsd = find(data, ['mdia', 'minf', 'stbl', 'stsd'], trak)
  if (stsd && stsd.body + 16 <= stsd.end) facts.codec = data.toString('latin1', stsd.body + 12, stsd.body + 16)
  const mdhd = find(data, ['mdia', 'mdhd'], trak)
  const stts = find(data, ['mdia', 'minf', 'stbl', 'stts'], trak)
  if (mdhd && stts) {
    const { timescale, duration } = timescaleAndDuration(data, mdhd)
    let samples = 0
    const entries = data.readUInt32BE(stts.body + 4)
    for (let index = 0; index < entries && stts.body + 16 + index * 8 <= stts.end; index++) samples += data.readUInt32BE(stts.body + 8 + index * 8)
    facts.fps = duration > 0 ? Math.round(samples * timescale / duration * 100) / 100 : null
  }
  return facts
}
