import { createError, type H3Event, setResponseHeader } from 'h3'
import type { ExpiringStore } from '../cluster/expiring-store'

const HOUR_MS = 60 * 60 * 1000

/**
 * Pictures one participant may upload per hour, counted in the coordinator's expiring store (with
 * Redis, across instances): one device cannot fill the disk with pictures it never uses.
 */
export class ParticipantUploadLimit {
  constructor(private store: ExpiringStore, private perHour: number) {}

  async spend(event: H3Event, participantId: string): Promise<void> {
    const key = `upload-limit:participant:${participantId}`
    if (await this.store.increment(key, HOUR_MS) <= this.perHour) return
    const seconds = Math.max(1, Math.ceil(((await this.store.count(key))?.msLeft ?? HOUR_MS) / 1000))
    setResponseHeader(event, 'Retry-After', seconds)
    throw createError({
      statusCode: 429,
      statusMessage: `You have uploaded ${this.perHour} pictures this hour. Try again in ${Math.ceil(seconds / 60)} min.`,
      data: { reason: 'too_many_requests', limit: 'uploads_per_hour', retry_after_s: seconds, message_key: 'uploads.refused.too_many_uploads' },
    })
  }
}
