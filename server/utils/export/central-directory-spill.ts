import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const CHUNK_BYTES = 64 * 1024

/**
 * A ZIP's central directory (one record per file, written last) kept in a temp file instead of
 * memory, so an export of 10,000 runs holds no more than one of 1,000. Records go in as each file
 * ends and come back in order, a chunk at a time.
 */
export class CentralDirectorySpill {
  private readonly path = join(tmpdir(), `ai4artsed-zip-central-${randomBytes(8).toString('hex')}`)
  private fd: number | null = null
  private pending: Buffer[] = []
  private pendingBytes = 0

  add(record: Buffer) {
    this.pending.push(record)
    this.pendingBytes += record.length
    if (this.pendingBytes >= CHUNK_BYTES) this.flush()
  }

  /** The records in the order they were added. */
  *chunks(): Generator<Buffer> {
    this.flush()
    if (this.fd === null) return
    let position = 0
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
      const read = readSync(this.fd, buffer, 0, CHUNK_BYTES, position)
      if (read === 0) return
      position += read
      yield buffer.subarray(0, read)
    }
  }

  dispose() {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    rmSync(this.path, { force: true })
  }

  private flush() {
    if (!this.pendingBytes) return
    this.fd ??= openSync(this.path, 'w+', 0o600)
    writeSync(this.fd, Buffer.concat(this.pending, this.pendingBytes))
    this.pending = []
    this.pendingBytes = 0
  }
}
