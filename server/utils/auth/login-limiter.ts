import type { ExpiringStore } from '../cluster/expiring-store'

export interface LoginLimits {
  windowMs: number
  /** Failures for one name from one address before that address may not try that name again in the window. */
  maxPerAddressAndName: number
  /** Failures from one address, whatever the names, before that address may not try at all in the window. */
  maxPerAddress: number
  /** Failures for a name (from anywhere) before its attempts start to wait; each further failure doubles the wait… */
  freePerName: number
  firstDelayMs: number
  /** …up to this. */
  maxDelayMs: number
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000, maxPerAddressAndName: 5, maxPerAddress: 30, freePerName: 3, firstDelayMs: 250, maxDelayMs: 8000,
}

export interface LoginAttempt { address: string, name: string }

/**
 * Failed sign-ins, counted in the expiring store (with Redis every instance counts together, so N
 * instances do not allow N times the tries). Someone guessing from one address is stopped at that
 * address; failures for a name only slow every attempt at it down, never block it: otherwise
 * anyone could lock the teacher out by typing wrong passwords for `admin`.
 */
export class LoginLimiter {
  constructor(private store: ExpiringStore, private limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Seconds until this address may try this name again; 0 when it may now. */
  async retryAfter({ address, name }: LoginAttempt): Promise<number> {
    const [pair, fromAddress] = await Promise.all([this.store.count(pairKey(address, name)), this.store.count(addressKey(address))])
    let wait = 0
    if (pair && pair.count >= this.limits.maxPerAddressAndName) wait = pair.msLeft
    if (fromAddress && fromAddress.count >= this.limits.maxPerAddress) wait = Math.max(wait, fromAddress.msLeft)
    return Math.ceil(wait / 1000)
  }

  /** How long an attempt at `name` waits before it is checked, growing with the name's recent failures. */
  async delayMs(name: string): Promise<number> {
    const failures = (await this.store.count(nameKey(name)))?.count ?? 0
    const over = failures - this.limits.freePerName
    return over < 0 ? 0 : Math.min(this.limits.firstDelayMs * 2 ** over, this.limits.maxDelayMs)
  }

  async fail({ address, name }: LoginAttempt) {
    const { windowMs } = this.limits
    await Promise.all([pairKey(address, name), addressKey(address), nameKey(name)].map(key => this.store.increment(key, windowMs)))
  }

  /** A right password clears what this address did wrong for this name; the name's count stays, as others may still be guessing. */
  async succeed({ address, name }: LoginAttempt) {
    await this.store.delete(pairKey(address, name))
  }
}

const pairKey = (address: string, name: string) => `login-failures:pair:${address}|${name}`
const addressKey = (address: string) => `login-failures:ip:${address}`
const nameKey = (name: string) => `login-failures:name:${name}`
