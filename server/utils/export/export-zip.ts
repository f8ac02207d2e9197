import { once } from 'node:events'
import type { TransformCallback } from 'node:stream'
import ZipStream from 'zip-stream'

/** Chunks handed to the response at once: zip-stream writes every header field as its own tiny buffer. */
const BATCH_BYTES = 64 * 1024

/**
 * zip-stream with two changes for large exports. Its central directory (one record per file, at
 * the end) is written in one synchronous burst, ~8 MB of buffered writes per 1,000 entries;
 * here it waits for the reader between records. And its many tiny writes are batched, so the
 * socket sees 64 KB chunks instead of 30-byte ones.
 */
export class ExportZip extends ZipStream {
  private batch: Buffer[] = []
  private batchBytes = 0

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

  /** compress-commons 7's _finish, with a wait for 'drain' between central directory records. */
  protected override _finish() {
    void (async () => {
      this._archive.centralOffset = this.offset
      for (const entry of this._entries) {
        this._writeCentralFileHeader(entry)
        if (this.writableNeedDrain) await once(this, 'drain')
      }
      this._archive.centralLength = this.offset - this._archive.centralOffset
      if (this.isZip64()) this._writeCentralDirectoryZip64()
      this._writeCentralDirectoryEnd()
      this._archive.processing = false
      this._archive.finish = true
      this._archive.finished = true
      this.end()
    })().catch(error => this.destroy(error))
  }

  private pushBatch() {
    if (!this.batchBytes) return
    this.push(this.batch.length === 1 ? this.batch[0] : Buffer.concat(this.batch, this.batchBytes))
    this.batch = []
    this.batchBytes = 0
  }
}
