import { createError, type H3Error } from 'h3'

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT'])
const STORAGE_TROUBLE = new Set(['EIO', 'EROFS', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE', 'EBUSY', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])

/**
 * A write that failed on the storage becomes an answer a person understands: 507 when the disk
 * is full, 503 when the storage is unavailable; null for anything else (a bug: it stays a 500).
 */
export function storageFailure(error: unknown): H3Error | null {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (!code) return null
  if (DISK_FULL.has(code)) {
    return createError({ statusCode: 507, statusMessage: 'The server\'s disk is full, so nothing new can be saved. Tell your course leader.', data: { reason: 'disk_full' } })
  }
  if (STORAGE_TROUBLE.has(code)) {
    return createError({ statusCode: 503, statusMessage: 'The server cannot save right now. Try again in a moment.', data: { reason: 'storage_unavailable' } })
  }
  return null
}

/** Runs `work`; a storage failure becomes 507 or 503 with a sentence instead of a bare 500. */
export async function withStorageFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  }
  catch (error) {
    const failure = storageFailure(error)
    if (!failure) throw error
    console.error('[storage] a write failed', (error as Error).message)
    throw failure
  }
}
