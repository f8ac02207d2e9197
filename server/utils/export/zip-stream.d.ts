// zip-stream ships no types; this is the part of its API the export uses, including the
// internals of compress-commons 7 that ExportZip overrides (export-zip.ts).
declare module 'zip-stream' {
  import { Transform, type Readable, type TransformCallback } from 'node:stream'

  export interface ZipEntryData {
    name: string
    date?: Date | string
    /** Store instead of deflate: for media that is compressed already. */
    store?: boolean
  }

  export default class ZipStream extends Transform {
    constructor(options?: { zlib?: { level?: number }, forceZip64?: boolean })
    entry(source: Buffer | Readable | string, data: ZipEntryData, callback: (error?: Error | null) => void): this
    finalize(): void
    getBytesWritten(): number
    protected offset: number
    protected _entries: unknown[]
    protected _archive: { centralOffset: number, centralLength: number, processing: boolean, finish: boolean, finished: boolean }
    protected isZip64(): boolean
    protected _writeCentralFileHeader(entry: unknown): void
    protected _writeCentralDirectoryZip64(): void
    protected _writeCentralDirectoryEnd(): void
    protected _finish(): void
    protected _afterAppend(entry: unknown): void
    _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void
  }
}
