import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import {
  DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand,
  ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { BlobNotFoundError, type BlobStat, type BlobStore, type ByteRange } from './blob-store'
import { urlWithoutCredentials } from '../http/url-without-credentials'

/** How to reach an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO); built from NUXT_S3_* settings. */
export interface S3Settings {
  /** Unset for AWS itself; `https://<account>.r2.cloudflarestorage.com` for R2, the server URL for MinIO. */
  endpoint?: string
  /** `auto` for R2; the bucket's real region for AWS. */
  region: string
  bucket: string
  /** Folder inside the bucket that holds the run folders; '' for the bucket root. */
  prefix: string
  accessKeyId: string
  secretAccessKey: string
  /** MinIO and s3rver need `http://host/bucket/key` addressing instead of `http://bucket.host/key`. */
  forcePathStyle: boolean
  /** > 0: media routes redirect to a presigned URL valid this long instead of streaming through us. */
  presignSeconds?: number
}

/** An S3 request failed for a reason the operator has to fix; names endpoint and bucket, never a secret. */
export class S3StorageError extends Error {}

const DELETE_BATCH = 1000
/** Multipart part size: the most a streamed upload holds in memory per part in flight. */
const PART_SIZE = 8 * 1024 * 1024

/** Media as objects in one bucket under one prefix; keys are checked like FsBlobStore's paths. */
export class S3BlobStore implements BlobStore {
  readonly driver = 's3'
  readonly location: string
  private client: S3Client
  private prefix: string

  constructor(private settings: S3Settings) {
    this.prefix = settings.prefix.replace(/^\/+|\/+$/g, '')
    this.location = `s3://${settings.bucket}/${this.prefix}`
    this.client = new S3Client({
      endpoint: settings.endpoint || undefined,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      // Without a key id the SDK looks for credentials itself (AWS_* variables, an instance role).
      credentials: settings.accessKeyId ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      // R2, MinIO and older S3 clones reject the SDK's default CRC checksums and aws-chunked uploads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      maxAttempts: 3,
    })
  }

  /** Answers once the bucket is reachable with these credentials; for start-up, so a wrong setting stops the server. */
  async check(): Promise<void> {
    await this.attempt('check the bucket', () => this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket })))
  }

  async put(key: string, data: Buffer | Readable, options: { contentType: string }): Promise<void> {
    const params = { Bucket: this.settings.bucket, Key: this.objectKey(key), ContentType: options.contentType }
    if (Buffer.isBuffer(data)) {
      await this.attempt(`write ${key}`, () => this.client.send(new PutObjectCommand({ ...params, Body: data, ContentLength: data.length })))
      return
    }
    // Multipart when the stream is larger than one part; S3 shows the object only once it is complete.
    const upload = new Upload({ client: this.client, params: { ...params, Body: data }, partSize: PART_SIZE, queueSize: 2 })
    await this.attempt(`write ${key}`, () => upload.done())
  }

  async stat(key: string): Promise<BlobStat | null> {
    if (!this.isSafeKey(key)) return null
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }))
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0), etag: strongEtag(head.ETag) }
    }
    catch (error) {
      if (isNotFound(error)) return null
      throw this.describe(`stat ${key}`, error)
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const command = new GetObjectCommand({
      Bucket: this.settings.bucket,
      Key: this.objectKey(key),
      Range: range ? `bytes=${range.start}-${range.end}` : undefined,
    })
    try {
      const { Body } = await this.client.send(command)
      // In Node the SDK answers the HTTP response itself: bytes flow as they arrive.
      if (!(Body instanceof Readable)) throw new Error('the response had no readable body')
      return Body
    }
    catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key)
      throw this.describe(`read ${key}`, error)
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key)
    await this.attempt(`delete ${key}`, () => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key })))
  }

  async list(prefix: string): Promise<string[]> {
    const folder = `${this.objectKey(prefix)}/`
    const names: string[] = []
    for await (const keys of this.pagesOf(folder, '/')) names.push(...keys.map(key => key.slice(folder.length)))
    return names.sort()
  }

  async deleteAll(prefix: string): Promise<void> {
    for await (const keys of this.pagesOf(`${this.objectKey(prefix)}/`)) {
      for (let first = 0; first < keys.length; first += DELETE_BATCH) {
        const batch = keys.slice(first, first + DELETE_BATCH)
        const answer = await this.attempt(`delete ${prefix}`, () => this.client.send(new DeleteObjectsCommand({
          Bucket: this.settings.bucket,
          Delete: { Objects: batch.map(Key => ({ Key })), Quiet: true },
        })))
        const failed = answer.Errors ?? []
        if (failed.length) throw this.describe(`delete ${prefix}`, new Error(`${failed.length} objects not deleted, first ${failed[0]!.Key}: ${failed[0]!.Code}`))
      }
    }
  }

  /**
   * The text of a small object, written first if absent (PUT with If-None-Match: *, which S3, R2
   * and MinIO honour). Stores that ignore the condition (s3rver) fall back to read-after-write:
   * two first starts at the same moment could then disagree until restarted.
   */
  async readOrCreateText(key: string, candidate: string): Promise<string> {
    const read = async () => {
      try {
        return await text(await this.read(key))
      }
      catch (error) {
        if (error instanceof BlobNotFoundError) return null
        throw error
      }
    }
    const existing = await read()
    if (existing !== null) return existing
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key), Body: candidate, ContentType: 'text/plain', IfNoneMatch: '*' }))
    }
    catch (error) {
      const status = httpStatusOf(error)
      if (status !== 412 && status !== 409) throw this.describe(`write ${key}`, error)
    }
    return (await read()) ?? candidate
  }

  /** With presignSeconds > 0: a URL that reads the object without credentials that long. */
  async directUrl(key: string): Promise<string | null> {
    const seconds = this.settings.presignSeconds ?? 0
    if (seconds <= 0) return null
    const command = new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) })
    return getSignedUrl(this.client, command, { expiresIn: seconds })
  }

  /** Object keys directly under `folder` (with a delimiter) or everywhere below it, page by page. */
  private async* pagesOf(folder: string, delimiter?: string): AsyncGenerator<string[]> {
    let token: string | undefined
    do {
      const page = await this.attempt(`list ${folder}`, () => this.client.send(new ListObjectsV2Command({
        Bucket: this.settings.bucket, Prefix: folder, Delimiter: delimiter, ContinuationToken: token,
      })))
      yield (page.Contents ?? []).map(object => object.Key!).filter(Boolean)
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  }

  private async attempt<Answer>(action: string, request: () => Promise<Answer>): Promise<Answer> {
    try {
      return await request()
    }
    catch (error) {
      throw this.describe(action, error)
    }
  }

  private describe(action: string, error: unknown): S3StorageError {
    const name = (error as { name?: string, Code?: string }).Code ?? (error as Error).name ?? 'Error'
    const status = httpStatusOf(error)
    const reason = [name, status && `HTTP ${status}`, (error as Error).message].filter(Boolean).join(', ')
    const endpoint = publicEndpoint(this.settings)
    const message = `S3 storage (endpoint ${endpoint}, bucket "${this.settings.bucket}") could not ${action}: ${reason}`
    return new S3StorageError(this.settings.secretAccessKey ? message.replaceAll(this.settings.secretAccessKey, '***') : message, { cause: error })
  }

  /** `<prefix>/<key>`, after refusing keys that are empty, absolute or climb with `..`. */
  private objectKey(key: string): string {
    if (!this.isSafeKey(key)) throw new BlobNotFoundError(key)
    return this.prefix ? `${this.prefix}/${key}` : key
  }

  private isSafeKey(key: string): boolean {
    return key !== '' && !key.includes('\\') && !key.includes('\0')
      && key.split('/').every(segment => segment !== '' && segment !== '.' && segment !== '..')
  }
}

/** The endpoint for messages and logs: AWS's own when none is set, without any user:password part. */
function publicEndpoint(settings: S3Settings): string {
  if (!settings.endpoint) return `https://s3.${settings.region}.amazonaws.com`
  return urlWithoutCredentials(settings.endpoint, settings.endpoint)
}

/** A missing object; a missing bucket is the operator's problem and stays an error where S3 says so. */
function isNotFound(error: unknown): boolean {
  const name = (error as Error).name
  if (name === 'NoSuchBucket') return false
  return name === 'NotFound' || name === 'NoSuchKey' || httpStatusOf(error) === 404
}

/** The HTTP status the SDK attached to a failed request, if it got that far. */
function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
}

/** S3 answers ETags in quotes (an MD5, or `<md5>-<parts>` for multipart): strong validators as they are. */
function strongEtag(etag: string | undefined): string {
  const bare = (etag ?? '').replace(/^W\//, '').replace(/^"|"$/g, '')
  return `"${bare}"`
}
