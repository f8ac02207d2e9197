// zip-stream ships no types; this is the part of its API the export uses.
declare module 'zip-stream' {
  import { Transform, type Readable } from 'node:stream'

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
  }
}
