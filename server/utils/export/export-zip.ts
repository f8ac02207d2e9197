import { once } from 'node:events'
import type { TransformCallback } from 'node:stream'
import ZipStream from 'zip-stream'
import { CentralDirectorySpill } from './central-directory-spill'

/** Chunks handed to the response at once: zip-stream writes every header field as its own tiny buffer. */
const BATCH_BYTES = 64 * 1024

/**
 * zip-stream with three changes for large exports. It keeps every file's entry object until the
 * end to write the central directory from them (about 350 bytes per file); here each file's
 * central record is written to a temp file as soon as the file ends, and the entry is dropped.
 * That directory is then streamed out waiting for the reader, instead of in one synchronous
 * burst. And its many tiny writes are batched, so the socket sees 64 KB chunks, not 30-byte ones.
 */
export class ExportZip extends ZipStream {
  private batch: Buffer[] = []
  private batchBytes = 0
  private central = new CentralDirectorySpill()

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.batch.push(chunk)
    this.batchBytes += chunk.length
    if (this.batchBytes >= BATCH_BYTES) this.pushBatch()
    callback()
  }

  override _flush(callback: TransformCallback) {
    this.pushBatch()
    callback()
  }

  /** compress-commons 7's _afterAppend, with the entry's central record spilled and only a placeholder kept (the count still decides ZIP64). */
  protected override _afterAppend(entry: unknown) {
    this.central.add(this.centralRecordOf(entry))
    super._afterAppend(entry)
    this._entries[this._entries.length - 1] = null
  }

  /** compress-commons 7's _finish, with the spilled central directory streamed out at the reader's pace. */
  protected override _finish() {
    void (async () => {
      this._archive.centralOffset = this.offset
      for (const chunk of this.central.chunks()) {
        this.write(chunk)
        if (this.writableNeedDrain) await once(this, 'drain')
      }
      this.central.dispose()
      this._archive.centralLength = this.offset - this._archive.centralOffset
      if (this.isZip64()) this._writeCentralDirectoryZip64()
      this._writeCentralDirectoryEnd()
      this._archive.processing = false
      this._archive.finish = true
      this._archive.finished = true
      this.end()
    })().catch(error => this.destroy(error))
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    this.central.dispose()
    super._destroy(error, callback)
  }

  /** The bytes compress-commons would write for the entry at the end, captured now instead of written. */
  private centralRecordOf(entry: unknown): Buffer {
    const parts: Buffer[] = []
    const self = this as unknown as { write: (chunk: Buffer | string) => boolean }
    // Names without the UTF-8 flag arrive as strings; the stream would have encoded them as UTF-8 too.
    self.write = chunk => parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)) > 0
    try {
      this._writeCentralFileHeader(entry)
    }
    finally {
      Reflect.deleteProperty(this, 'write')
    }
    return Buffer.concat(parts)
  }

  private pushBatch() {
    if (!this.batchBytes) return
    this.push(this.batch.length === 1 ? this.batch[0] : Buffer.concat(this.batch, this.batchBytes))
    this.batch = []
    this.batchBytes = 0
  }
}
