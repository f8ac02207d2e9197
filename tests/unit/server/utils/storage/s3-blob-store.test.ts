import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlobNotFoundError } from '../../../../../server/utils/storage/blob-store'
import { S3BlobStore, S3StorageError } from '../../../../../server/utils/storage/s3-blob-store'
import { startS3, type TestS3 } from '../../../../support/s3'

const RUN = '3b241101-e2bb-4255-8caf-4136c566a962'
const OTHER_RUN = 'b0000000-0000-4000-8000-000000000000'
const BUCKET = 'media-unit'

let s3: TestS3
beforeAll(async () => {
  s3 = await startS3([BUCKET])
})
afterAll(async () => {
  await s3?.stop()
})

const storeWith = (prefix: string, extra = {}) => new S3BlobStore(s3.settings(BUCKET, { prefix, ...extra }))
const head = (key: string) => s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))

async function inBatches<T>(count: number, size: number, make: (index: number) => Promise<T>) {
  for (let first = 0; first < count; first += size) {
    await Promise.all(Array.from({ length: Math.min(size, count - first) }, (_, offset) => make(first + offset)))
  }
}

describe('S3BlobStore', () => {
  it('stores a buffer and a stream under its prefix with their content types, and stats them', async () => {
    const blobs = storeWith('school-a')
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('0123456789'), { contentType: 'image/png' })
    await blobs.put(`${RUN}/output-audio.wav`, Readable.from([Buffer.from('abc'), Buffer.from('def')]), { contentType: 'audio/wav' })

    const image = await head(`school-a/${RUN}/output-image.png`)
    expect(image.ContentType).toBe('image/png')
    expect(image.ContentLength).toBe(10)
    expect((await head(`school-a/${RUN}/output-audio.wav`)).ContentType).toBe('audio/wav')

    const stat = await blobs.stat(`${RUN}/output-image.png`)
    expect(stat).toEqual({ size: 10, modifiedAt: expect.any(Date), etag: image.ETag })
    expect(stat!.etag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(await text(await blobs.read(`${RUN}/output-audio.wav`))).toBe('abcdef')
    expect(blobs.location).toBe(`s3://${BUCKET}/school-a`)
    expect(blobs.driver).toBe('s3')
  })

  it('streams a multipart upload larger than one part', async () => {
    const blobs = storeWith('multipart')
    const part = Buffer.alloc(1024 * 1024, 7)
    async function* chunks() {
      for (let index = 0; index < 9; index++) yield part
      yield Buffer.from('end')
    }
    await blobs.put(`${RUN}/output-video.mp4`, Readable.from(chunks()), { contentType: 'video/mp4' })
    const stat = await blobs.stat(`${RUN}/output-video.mp4`)
    expect(stat!.size).toBe(9 * part.length + 3)
    expect((await head(`multipart/${RUN}/output-video.mp4`)).ContentType).toBe('video/mp4')
    expect(await text(await blobs.read(`${RUN}/output-video.mp4`, { start: stat!.size - 3, end: stat!.size - 1 }))).toBe('end')
  })

  it('answers null for a missing object and BlobNotFoundError when reading one', async () => {
    const blobs = storeWith('school-a')
    expect(await blobs.stat(`${OTHER_RUN}/output-image.png`)).toBeNull()
    await expect(blobs.read(`${OTHER_RUN}/output-image.png`)).rejects.toBeInstanceOf(BlobNotFoundError)
  })

  it('reads exactly the bytes of a range', async () => {
    const blobs = storeWith('ranges')
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('0123456789'), { contentType: 'image/png' })
    expect(await text(await blobs.read(`${RUN}/output-image.png`, { start: 2, end: 4 }))).toBe('234')
    expect(await text(await blobs.read(`${RUN}/output-image.png`, { start: 9, end: 9 }))).toBe('9')
  })

  it('changes the ETag when the content is replaced', async () => {
    const blobs = storeWith('etags')
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('one'), { contentType: 'image/png' })
    const first = (await blobs.stat(`${RUN}/output-image.png`))!.etag
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('three'), { contentType: 'image/png' })
    expect((await blobs.stat(`${RUN}/output-image.png`))!.etag).not.toBe(first)
  })

  it('lists file names directly under a run past the first 1,000 keys, and deletes them all', async () => {
    const blobs = storeWith('paged')
    const names = Array.from({ length: 1050 }, (_, index) => `output-n${String(index).padStart(4, '0')}.txt`)
    await inBatches(names.length, 50, index => blobs.put(`${RUN}/${names[index]}`, Buffer.from(String(index)), { contentType: 'text/plain' }))
    await blobs.put(`${RUN}/nested/output-deep.txt`, Buffer.from('deep'), { contentType: 'text/plain' })
    await blobs.put(`${OTHER_RUN}/output-image.png`, Buffer.from('other'), { contentType: 'image/png' })

    expect(await blobs.list(RUN)).toEqual(names)

    await blobs.deleteAll(RUN)
    expect(await blobs.list(RUN)).toEqual([])
    const left = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'paged/' }))
    expect(left.Contents?.map(object => object.Key)).toEqual([`paged/${OTHER_RUN}/output-image.png`])
    await blobs.deleteAll(RUN)
  })

  it('deletes one object, and lists nothing for a run that has none', async () => {
    const blobs = storeWith('single')
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('x'), { contentType: 'image/png' })
    await blobs.delete(`${RUN}/output-image.png`)
    expect(await blobs.stat(`${RUN}/output-image.png`)).toBeNull()
    expect(await blobs.list(OTHER_RUN)).toEqual([])
  })

  it('refuses keys that climb out of its prefix, are absolute or empty', async () => {
    const blobs = storeWith('school-a')
    for (const key of ['../storage-id', `${RUN}/../../escape.png`, '/etc/passwd', '', `${RUN}//output.png`, `${RUN}\\..\\x`]) {
      expect(await blobs.stat(key)).toBeNull()
      await expect(blobs.put(key, Buffer.from('x'), { contentType: 'image/png' })).rejects.toBeInstanceOf(BlobNotFoundError)
      await expect(blobs.read(key)).rejects.toBeInstanceOf(BlobNotFoundError)
    }
    await expect(blobs.deleteAll('..')).rejects.toBeInstanceOf(BlobNotFoundError)
    await expect(blobs.list('')).rejects.toBeInstanceOf(BlobNotFoundError)
  })

  it('hands out a presigned URL that serves ranges, only when presignSeconds is set', async () => {
    const streaming = storeWith('presign')
    await streaming.put(`${RUN}/output-audio.wav`, Buffer.from('0123456789'), { contentType: 'audio/wav' })
    expect(await streaming.directUrl(`${RUN}/output-audio.wav`)).toBeNull()

    const url = await storeWith('presign', { presignSeconds: 60 }).directUrl(`${RUN}/output-audio.wav`)
    expect(url).toContain('X-Amz-Expires=60')
    const response = await fetch(url!, { headers: { Range: 'bytes=2-4' } })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe('bytes 2-4/10')
    expect(response.headers.get('content-type')).toBe('audio/wav')
    expect(await response.text()).toBe('234')
  })
})

describe('S3BlobStore errors for the operator', () => {
  const secret = 'wrong-secret-do-not-print'

  async function failureOf(promise: Promise<unknown>): Promise<Error> {
    const error = await promise.then(() => null, (caught: Error) => caught)
    expect(error).toBeInstanceOf(S3StorageError)
    return error!
  }

  it('names endpoint and bucket, not the secret, when the credentials are wrong', async () => {
    const blobs = new S3BlobStore(s3.settings(BUCKET, { accessKeyId: 'WRONGKEY', secretAccessKey: secret }))
    // One at a time: a rejection nobody awaits yet would count as unhandled.
    for (const call of [() => blobs.check(), () => blobs.stat(`${RUN}/output-image.png`), () => blobs.put(`${RUN}/output-image.png`, Buffer.from('x'), { contentType: 'image/png' })]) {
      const error = await failureOf(call())
      expect(error.message).toContain(s3.endpoint)
      expect(error.message).toContain(`bucket "${BUCKET}"`)
      expect(error.message).not.toContain(secret)
    }
  })

  it('names endpoint and bucket when the bucket does not exist', async () => {
    const blobs = new S3BlobStore(s3.settings('no-such-bucket'))
    const error = await failureOf(blobs.check())
    expect(error.message).toMatch(/endpoint http:\/\/127\.0\.0\.1:\d+, bucket "no-such-bucket"/)
    const put = await failureOf(blobs.put(`${RUN}/output-image.png`, Buffer.from('x'), { contentType: 'image/png' }))
    expect(put.message).toContain('NoSuchBucket')
  })

  it('names endpoint and bucket when the endpoint does not answer', async () => {
    const blobs = new S3BlobStore({ ...s3.settings(BUCKET), endpoint: 'http://127.0.0.1:9', secretAccessKey: secret })
    const error = await failureOf(blobs.check())
    expect(error.message).toContain('endpoint http://127.0.0.1:9, bucket "media-unit"')
    expect(error.message).not.toContain(secret)
  })
})
