import { randomUUID } from 'node:crypto'
import type { Settings } from '../settings'
import type { BlobStore } from './blob-store'
import type { DataDir } from './data-dir'
import { S3BlobStore } from './s3-blob-store'

const STORAGE_ID_OBJECT = 'storage-id'

/**
 * The id instances compare to tell whether they share storage. Documents in the data dir: the
 * data dir's id. Documents in Redis with media in a bucket: an object `<s3Prefix>/storage-id`
 * in that bucket, the same for every instance using it. Redis with media in a (shared) data
 * dir: the data dir's id again.
 */
export async function resolveStorageId(settings: Pick<Settings, 'redisUrl'>, dataDir: DataDir, blobs: BlobStore): Promise<string> {
  if (!settings.redisUrl || !(blobs instanceof S3BlobStore)) return dataDir.storageId
  const id = (await blobs.readOrCreateText(STORAGE_ID_OBJECT, `${randomUUID()}\n`)).trim()
  if (!id) throw new Error(`The storage id object ${blobs.location}/${STORAGE_ID_OBJECT} is empty; delete it to get a new id.`)
  return id
}
