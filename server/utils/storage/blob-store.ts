import type { Readable } from 'node:stream'

export interface BlobStat {
  size: number
  modifiedAt: Date
  /** Strong validator for HTTP caching; changes whenever the content can have changed. */
  etag: string
}

/** An inclusive byte range, as HTTP Range requests name them. */
export interface ByteRange { start: number, end: number }

/**
 * Where media lives. Keys are `<run_id>/<file>` from run-keys.ts. Implementations stream and
 * never hold a whole file in memory on the read path.
 */
export interface BlobStore {
  readonly driver: string
  readonly location: string
  put(key: string, data: Buffer | Readable, options: { contentType: string }): Promise<void>
  stat(key: string): Promise<BlobStat | null>
  read(key: string, range?: ByteRange): Promise<Readable>
  delete(key: string): Promise<void>
  /** File names directly under a prefix such as a run id. */
  list(prefix: string): Promise<string[]>
  /** Removes everything under a prefix such as a run id; no error if nothing is there. */
  deleteAll(prefix: string): Promise<void>
  /** Resolves once the store is usable; a remote store checks its bucket and credentials here. */
  check?(): Promise<void>
  /** A short-lived URL the client may fetch the blob from itself, or null to stream it through us. */
  directUrl?(key: string): Promise<string | null>
}

export class BlobNotFoundError extends Error {}
