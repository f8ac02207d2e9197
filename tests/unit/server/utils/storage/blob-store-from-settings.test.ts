import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSettings, SettingsError } from '../../../../../server/utils/settings'
import { blobStoreFromSettings } from '../../../../../server/utils/storage/blob-store-from-settings'

const base = { dataDir: '/data', contentDir: '', safetyLevel: 'youth', defaultLanguage: 'de', queueConcurrency: 2, runTimeoutSeconds: 300, maxRunAttempts: 2, shutdownTimeoutSeconds: 20 }

describe('blobStoreFromSettings', () => {
  it('keeps media in <data dir>/runs while no bucket is set', () => {
    const blobs = blobStoreFromSettings(parseSettings(base), '/srv/data')
    expect(blobs.driver).toBe('fs')
    expect(blobs.location).toBe(join('/srv/data', 'runs'))
  })

  it('puts media in the bucket under the prefix once a bucket is set', () => {
    const settings = parseSettings({ ...base, s3Bucket: 'school-media', s3Prefix: 'ai4artsed/prod', s3Endpoint: 'https://example.r2.cloudflarestorage.com', s3Region: 'auto' })
    const blobs = blobStoreFromSettings(settings, '/srv/data')
    expect(blobs.driver).toBe('s3')
    expect(blobs.location).toBe('s3://school-media/ai4artsed/prod')
  })

  it('names the variable of a bucket name, prefix or endpoint S3 would refuse', () => {
    expect(() => parseSettings({ ...base, s3Bucket: 'No_Such' })).toThrow(/NUXT_S3_BUCKET/)
    expect(() => parseSettings({ ...base, s3Bucket: 'media', s3Prefix: '../other' })).toThrow(/NUXT_S3_PREFIX/)
    expect(() => parseSettings({ ...base, s3Endpoint: 'not a url' })).toThrow(SettingsError)
  })
})
