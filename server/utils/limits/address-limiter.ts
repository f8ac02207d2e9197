import { createError, getRequestIP, type H3Event, setResponseHeader } from 'h3'
import type { ExpiringStore } from '../cluster/expiring-store'
import type { Settings } from '../settings'

/** What one client address may do per window: join, miss a join code, start a run, upload a picture. */
export type AddressLimitName = 'join' | 'failed_code' | 'run' | 'upload'

export type AddressLimits = Record<AddressLimitName, number> & { windowMs: number }

export const addressLimitsFrom = (settings: Settings): AddressLimits => ({
  join: settings.limitJoinsPerAddress,
  failed_code: settings.limitFailedCodesPerAddress,
  run: settings.limitRunsPerAddress,
  upload: settings.limitUploadsPerAddress,
  windowMs: settings.limitWindowSeconds * 1000,
})

/**
 * Counts per client address in fixed windows, in the coordinator's expiring store: with Redis
 * every instance counts together, so two instances do not allow twice as much. The address is
 * the socket's (a client can write anything into X-Forwarded-For), so a school behind one NAT
 * shares one count: the defaults leave a class of 30 plenty of room.
 */
export class AddressLimiter {
  constructor(private store: ExpiringStore, private limits: AddressLimits) {}

  /** Counts one `name` for this request's address and refuses with 429 once the window's allowance is spent. */
  async spend(event: H3Event, name: AddressLimitName): Promise<void> {
    const key = storeKey(name, event)
    const count = await this.store.increment(key, this.limits.windowMs)
    if (count > this.limits[name]) await this.refuse(event, name, key)
  }

  /** Refuses with 429 when the window's allowance for `name` is already spent, without counting. */
  async assertLeft(event: H3Event, name: AddressLimitName): Promise<void> {
    const key = storeKey(name, event)
    const entry = await this.store.count(key)
    if (entry && entry.count >= this.limits[name]) await this.refuse(event, name, key)
  }

  /** Counts one `name` (a failure) without refusing this request. */
  async count(event: H3Event, name: AddressLimitName): Promise<void> {
    await this.store.increment(storeKey(name, event), this.limits.windowMs)
  }

  private async refuse(event: H3Event, name: AddressLimitName, key: string): Promise<never> {
    const msLeft = (await this.store.count(key))?.msLeft ?? this.limits.windowMs
    const seconds = Math.max(1, Math.ceil(msLeft / 1000))
    setResponseHeader(event, 'Retry-After', seconds)
    throw createError({
      statusCode: 429,
      statusMessage: `${REFUSALS[name]} Try again in ${Math.ceil(seconds / 60)} min.`,
      data: { reason: 'too_many_requests', limit: name, retry_after_s: seconds },
    })
  }
}

const REFUSALS: Record<AddressLimitName, string> = {
  join: 'Too many joins from this network.',
  failed_code: 'Too many wrong join codes from this network.',
  run: 'Too many runs started from this network.',
  upload: 'Too many pictures uploaded from this network.',
}

const storeKey = (name: AddressLimitName, event: H3Event) => `address-limit:${name}:${getRequestIP(event) ?? 'unknown'}`
