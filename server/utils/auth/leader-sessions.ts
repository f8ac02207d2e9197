import { createHash, randomBytes } from 'node:crypto'
import type { Storage } from 'unstorage'
import { z } from 'zod'

export interface SessionLifetime {
  /** A session ends this long after sign-in, however busy. */
  maxAgeMs: number
  /** …or this long after its last request. */
  idleMs: number
}

const LeaderSessionRecord = z.object({ leader: z.string(), created_at: z.number(), last_seen_at: z.number() })
type LeaderSessionRecord = z.infer<typeof LeaderSessionRecord>

const PREFIX = 'leader-sessions'
// Only a hash of the token is stored: whoever can read the data dir or Redis still cannot sign in with it.
const keyOf = (token: string) => `${PREFIX}:${createHash('sha256').update(token).digest('hex')}.json`
const TOKEN = /^[A-Za-z0-9_-]{43}$/

/**
 * Leader sign-ins the server can end: the cookie holds a random token, the record (in the
 * document store, so in Redis for every instance when configured) says whose it is and when it
 * was last used. Signing out deletes the record, so a copied cookie stops working at once.
 */
export class LeaderSessions {
  constructor(private documents: Storage, private lifetime: SessionLifetime, private now: () => number = Date.now) {}

  /** A new session for `leader`; the returned token goes into the cookie and nowhere else. */
  async create(leader: string): Promise<string> {
    await this.sweep()
    const token = randomBytes(32).toString('base64url')
    const at = this.now()
    await this.write(token, { leader, created_at: at, last_seen_at: at })
    return token
  }

  /** The leader a token belongs to while its session lives, else null (and an expired one is removed). */
  async leaderOf(token: string): Promise<string | null> {
    if (!TOKEN.test(token)) return null
    const record = await this.read(keyOf(token))
    if (!record) return null
    const at = this.now()
    if (this.expired(record, at)) {
      await this.documents.removeItem(keyOf(token))
      return null
    }
    // Touching on every request would write on every poll of the admin pages; a tenth of the idle time is exact enough.
    if (at - record.last_seen_at > Math.min(60_000, this.lifetime.idleMs / 10)) await this.write(token, { ...record, last_seen_at: at })
    return record.leader
  }

  async end(token: string) {
    if (TOKEN.test(token)) await this.documents.removeItem(keyOf(token))
  }

  /** Ends every session of `leader` except the one holding `keep`; returns how many ended. */
  async endAllOf(leader: string, keep?: string): Promise<number> {
    const kept = keep ? keyOf(keep) : null
    let ended = 0
    for (const key of await this.documents.getKeys(PREFIX)) {
      if (key === kept) continue
      const record = await this.read(key)
      if (record?.leader !== leader) continue
      await this.documents.removeItem(key)
      ended++
    }
    return ended
  }

  /** Expired records go when the next session starts, so the folder never grows with old sign-ins. */
  private async sweep() {
    const at = this.now()
    for (const key of await this.documents.getKeys(PREFIX)) {
      const record = await this.read(key)
      if (!record || this.expired(record, at)) await this.documents.removeItem(key)
    }
  }

  private expired(record: LeaderSessionRecord, at: number) {
    return at - record.created_at >= this.lifetime.maxAgeMs || at - record.last_seen_at >= this.lifetime.idleMs
  }

  private async read(key: string): Promise<LeaderSessionRecord | null> {
    const raw = await this.documents.getItemRaw<Buffer>(key)
    if (!raw) return null
    try {
      const parsed = LeaderSessionRecord.safeParse(JSON.parse(raw.toString('utf8')))
      return parsed.success ? parsed.data : null
    }
    catch {
      return null
    }
  }

  private async write(token: string, record: LeaderSessionRecord) {
    const ttlSeconds = Math.ceil((record.created_at + this.lifetime.maxAgeMs - this.now()) / 1000)
    // Redis forgets the record by itself at the latest when the session would end; files are swept.
    await this.documents.setItem(keyOf(token), `${JSON.stringify(record)}\n`, { ttl: Math.max(1, ttlSeconds) })
  }
}
