import { join } from 'node:path'
import type { Settings } from '../settings'
import type { BlobStore } from './blob-store'
import { FsBlobStore } from './fs-blob-store'
import { S3BlobStore } from './s3-blob-store'

/**
 * Media in an S3-compatible bucket when `s3Bucket` is set, otherwise in `<data dir>/runs` as before.
 * Uploaded pictures live beside the runs: `<data dir>/uploads`, or `<s3Prefix>/uploads` in the bucket.
 */
export function blobStoreFromSettings(settings: Settings, dataDirPath: string, area: 'runs' | 'uploads' = 'runs'): BlobStore {
  if (!settings.s3Bucket) return new FsBlobStore(join(dataDirPath, area))
  return new S3BlobStore({
    endpoint: settings.s3Endpoint,
    region: settings.s3Region,
    bucket: settings.s3Bucket,
    prefix: area === 'runs' ? settings.s3Prefix : `${settings.s3Prefix.replace(/\/+$/, '')}/${area}`,
    accessKeyId: settings.s3AccessKeyId,
    secretAccessKey: settings.s3SecretAccessKey,
    forcePathStyle: settings.s3ForcePathStyle,
    presignSeconds: settings.s3PresignSeconds,
  })
}
