import { join } from 'node:path'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareDataDir } from '../../../../../server/utils/storage/data-dir'
import { FsBlobStore } from '../../../../../server/utils/storage/fs-blob-store'
import { S3BlobStore } from '../../../../../server/utils/storage/s3-blob-store'
import { resolveStorageId } from '../../../../../server/utils/storage/storage-id'
import { startS3, type TestS3 } from '../../../../support/s3'
import { makeTempDir } from '../../../../support/server'

let s3: TestS3
beforeAll(async () => {
  s3 = await startS3(['media'])
})
afterAll(() => s3?.stop())

describe('resolveStorageId', () => {
  it('is the data dir\'s id while documents live in the data dir, bucket or not', async () => {
    const dataDir = prepareDataDir(makeTempDir())
    expect(await resolveStorageId({ redisUrl: '' }, dataDir, new S3BlobStore(s3.settings('media')))).toBe(dataDir.storageId)
    expect(await resolveStorageId({ redisUrl: 'redis://127.0.0.1:6379/0' }, dataDir, new FsBlobStore(join(dataDir.path, 'runs')))).toBe(dataDir.storageId)
  })

  it('with documents in Redis and media in a bucket, is one id kept in the bucket for every instance', async () => {
    const redis = { redisUrl: 'redis://127.0.0.1:6379/0' }
    const first = prepareDataDir(makeTempDir())
    const second = prepareDataDir(makeTempDir())
    // One after the other: s3rver ignores If-None-Match, so simultaneous first starts could race there.
    const a = await resolveStorageId(redis, first, new S3BlobStore(s3.settings('media', { prefix: 'school/a' })))
    expect(a).toMatch(/^[0-9a-f-]{36}$/)
    expect(a).not.toBe(first.storageId)
    expect(await resolveStorageId(redis, second, new S3BlobStore(s3.settings('media', { prefix: 'school/a' })))).toBe(a)
    const stored = await s3.client.send(new GetObjectCommand({ Bucket: 'media', Key: 'school/a/storage-id' }))
    expect((await stored.Body!.transformToString()).trim()).toBe(await resolveStorageId(redis, first, new S3BlobStore(s3.settings('media', { prefix: 'school/a' }))))
    expect(await resolveStorageId(redis, first, new S3BlobStore(s3.settings('media', { prefix: 'school/b' })))).not.toBe(a)
  })
})
