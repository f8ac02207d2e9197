import { createHash } from 'node:crypto'
import { buffer } from 'node:stream/consumers'
import type { Storage } from 'unstorage'
import { useAppContext } from '../app-context'
import { KeyedMutex } from '../keyed-mutex'
import type { BlobStore } from '../storage/blob-store'
import { isUploadId, newUploadId, pictureFileName, UPLOADS_MOUNT, uploadBlobKey, uploadRecordKey } from './upload-keys'

export interface UploadRecord {
  upload_id: string, participant_id: string, session_id: string | null
  mime: 'image/jpeg' | 'image/png' | 'image/webp', width: number, height: number
  bytes: number, sha256: string, created_at: string, expires_at: string
  faces: { found: number, blurred: boolean }, used_by: string[] // run ids
}

/** What the upload route hands over: the picture as re-encoded, never the original bytes. */
export interface NewUpload {
  participantId: string
  sessionId: string | null
  picture: { data: Buffer, mime: 'image/jpeg' | 'image/png', width: number, height: number }
  faces: UploadRecord['faces']
}

/** An upload no run uses is kept this long. */
export const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000

const isExpired = (record: UploadRecord, now: Date) => record.used_by.length === 0 && Date.parse(record.expires_at) <= now.getTime()

/**
 * Uploaded pictures as folders like runs: record.json through unstorage (`uploads:` mount), the
 * re-encoded picture through the uploads blob store. The picture is written before the record,
 * and the record removed before the picture, so a record never points at a missing picture.
 */
export class UploadStore {
  private mutex = new KeyedMutex()

  constructor(private documents: Storage, readonly blobs: BlobStore) {}

  async save(upload: NewUpload, now = new Date()): Promise<UploadRecord> {
    const uploadId = newUploadId()
    const { data, mime, width, height } = upload.picture
    const record: UploadRecord = {
      upload_id: uploadId, participant_id: upload.participantId, session_id: upload.sessionId,
      mime, width, height, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'),
      created_at: now.toISOString(), expires_at: new Date(now.getTime() + UPLOAD_LIFETIME_MS).toISOString(),
      faces: upload.faces, used_by: [],
    }
    const key = uploadBlobKey(uploadId, pictureFileName(mime))
    await this.blobs.put(key, data, { contentType: mime })
    try {
      await this.writeRecord(record)
    }
    catch (error) {
      await this.blobs.deleteAll(uploadId).catch(() => {})
      throw error
    }
    return record
  }

  /** The record as stored, expired or not; null for ids that are not ours. */
  async get(uploadId: string): Promise<UploadRecord | null> {
    if (!isUploadId(uploadId)) return null
    const raw = await this.documents.getItemRaw<Buffer | string>(uploadRecordKey(uploadId))
    if (raw === null || raw === undefined) return null
    return JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw) as UploadRecord
  }

  /** Null when missing, expired or another participant's: the caller cannot tell which. */
  async ownRecord(uploadId: string, participantId: string, now = new Date()): Promise<UploadRecord | null> {
    const record = await this.get(uploadId)
    if (!record || record.participant_id !== participantId || isExpired(record, now)) return null
    return record
  }

  async readOwn(uploadId: string, participantId: string, now = new Date()): Promise<{ record: UploadRecord, data: Buffer } | null> {
    const record = await this.ownRecord(uploadId, participantId, now)
    if (!record) return null
    const key = uploadBlobKey(uploadId, pictureFileName(record.mime === 'image/png' ? 'image/png' : 'image/jpeg'))
    const data = await this.blobs.read(key).then(stream => buffer(stream), () => null)
    return data ? { record, data } : null
  }

  /** The key of the stored picture, for streaming it to its owner. */
  pictureKey(record: UploadRecord): string {
    return uploadBlobKey(record.upload_id, pictureFileName(record.mime === 'image/png' ? 'image/png' : 'image/jpeg'))
  }

  async markUsed(uploadId: string, runId: string): Promise<void> {
    await this.mutex.run(uploadId, async () => {
      const record = await this.get(uploadId)
      if (!record) throw new Error(`Upload ${uploadId} does not exist`)
      if (!record.used_by.includes(runId)) await this.writeRecord({ ...record, used_by: [...record.used_by, runId] })
    })
  }

  async delete(uploadId: string): Promise<void> {
    if (!isUploadId(uploadId)) return
    await this.mutex.run(uploadId, async () => {
      await this.documents.removeItem(uploadRecordKey(uploadId))
      await this.blobs.deleteAll(uploadId)
    })
  }

  /**
   * Removes uploads past their 24 hours that no run uses, and used ones whose runs are all gone
   * (each run keeps its own copy of the picture). Answers how many it removed.
   */
  async removeExpired(runExists: (runId: string) => Promise<boolean>, now = new Date()): Promise<number> {
    let removed = 0
    for (const uploadId of await this.ids()) {
      try {
        const record = await this.get(uploadId)
        if (!record) continue
        const gone = isExpired(record, now)
          || (record.used_by.length > 0 && !(await anyExists(record.used_by, runExists)))
        if (!gone) continue
        await this.delete(uploadId)
        removed++
      }
      catch (error) {
        console.error(`[uploads] could not remove upload ${uploadId}`, error)
      }
    }
    return removed
  }

  private async ids(): Promise<string[]> {
    const keys = await this.documents.getKeys(UPLOADS_MOUNT)
    return [...new Set(keys.map(key => key.split(':')[1] ?? ''))].filter(isUploadId)
  }

  private async writeRecord(record: UploadRecord) {
    await this.documents.setItem(uploadRecordKey(record.upload_id), `${JSON.stringify(record, null, 2)}\n`)
  }
}

async function anyExists(runIds: string[], runExists: (runId: string) => Promise<boolean>) {
  for (const runId of runIds) if (await runExists(runId)) return true
  return false
}

/** The re-encoded picture (never the original bytes), or null when missing, expired or not this participant's. */
export function readOwnUpload(uploadId: string, participantId: string): Promise<{ record: UploadRecord, data: Buffer } | null> {
  return useAppContext().uploads.readOwn(uploadId, participantId)
}

/** A run uses it: it no longer expires. */
export function markUploadUsed(uploadId: string, runId: string): Promise<void> {
  return useAppContext().uploads.markUsed(uploadId, runId)
}
