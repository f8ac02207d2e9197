import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import { FsBlobStore } from '../../../../../server/utils/storage/fs-blob-store'
import { mountDocuments } from '../../../../../server/utils/storage/mount-documents'
import { UPLOAD_LIFETIME_MS, UploadStore } from '../../../../../server/utils/uploads/upload-store'
import { makeTempDir } from '../../../../support/server'

const owner = '3f0c7a52-8d1e-4b6a-9c2d-5e4f3a2b1c0d'
const other = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const runId = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'
const picture = { data: Buffer.from('not really a jpeg'), mime: 'image/jpeg' as const, width: 4, height: 3 }

function tempUploads() {
  const dataDir = makeTempDir()
  const storage = createStorage()
  mountDocuments(storage, dataDir)
  return { dataDir, uploads: new UploadStore(storage, new FsBlobStore(join(dataDir, 'uploads'))) }
}

describe('UploadStore', () => {
  it('keeps the record and the re-encoded picture in one folder per upload', async () => {
    const { uploads, dataDir } = tempUploads()
    const record = await uploads.save({ participantId: owner, sessionId: 'studio', picture, faces: { found: 0, blurred: false } })
    const folder = join(dataDir, 'uploads', record.upload_id)
    expect(JSON.parse(readFileSync(join(folder, 'record.json'), 'utf8'))).toEqual(record)
    expect(readFileSync(join(folder, 'picture.jpg'))).toEqual(picture.data)
    expect(record).toMatchObject({ bytes: picture.data.length, used_by: [], mime: 'image/jpeg' })
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives the picture to its owner only, and not after 24 hours unless a run uses it', async () => {
    const { uploads } = tempUploads()
    const now = new Date('2026-12-02T10:00:00Z')
    const record = await uploads.save({ participantId: owner, sessionId: null, picture, faces: { found: 0, blurred: false } }, now)
    expect((await uploads.readOwn(record.upload_id, owner, now))?.data).toEqual(picture.data)
    expect(await uploads.readOwn(record.upload_id, other, now)).toBeNull()
    expect(await uploads.readOwn('../../etc/passwd', owner, now)).toBeNull()
    const later = new Date(now.getTime() + UPLOAD_LIFETIME_MS)
    expect(await uploads.readOwn(record.upload_id, owner, later)).toBeNull()
    await uploads.markUsed(record.upload_id, runId)
    expect(await uploads.readOwn(record.upload_id, owner, later)).not.toBeNull()
  })

  it('removes expired unused uploads, and used ones once their runs are gone', async () => {
    const { uploads, dataDir } = tempUploads()
    const now = new Date('2026-12-02T10:00:00Z')
    const unused = await uploads.save({ participantId: owner, sessionId: null, picture, faces: { found: 0, blurred: false } }, now)
    const used = await uploads.save({ participantId: owner, sessionId: null, picture, faces: { found: 0, blurred: false } }, now)
    const fresh = await uploads.save({ participantId: owner, sessionId: null, picture, faces: { found: 0, blurred: false } }, new Date(now.getTime() + UPLOAD_LIFETIME_MS))
    await uploads.markUsed(used.upload_id, runId)
    const later = new Date(now.getTime() + UPLOAD_LIFETIME_MS + 1)
    expect(await uploads.removeExpired(async () => true, later)).toBe(1)
    expect(existsSync(join(dataDir, 'uploads', unused.upload_id))).toBe(false)
    expect(await uploads.get(used.upload_id)).not.toBeNull()
    expect(await uploads.removeExpired(async () => false, later)).toBe(1)
    expect(await uploads.get(used.upload_id)).toBeNull()
    expect(await uploads.get(fresh.upload_id)).not.toBeNull()
  })
})
