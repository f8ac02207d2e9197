import type { Storage } from 'unstorage'
import { KeyedMutex } from '../keyed-mutex'
import { Leader, LEADER_NAME_PATTERN } from './leader-schemas'
import type { PasswordHasher } from './password-hasher'

const LEADER_KEY = /^leaders:([a-z0-9][a-z0-9._-]{1,39})\.json$/
const leaderKey = (name: string) => `leaders:${name}.json`

export class LeaderExistsError extends Error {}
export class LastLeaderError extends Error {}

export interface LeaderSummary { name: string, created_at: string }

/**
 * Course leader accounts, one JSON file each under `leaders/` (the CLI writes the same format).
 * Only the scrypt hash of a password is ever stored.
 */
export class LeaderStore {
  private mutex = new KeyedMutex()
  private dummyHash: Promise<string> | null = null

  constructor(private documents: Storage, private hasher: PasswordHasher) {}

  async get(name: string): Promise<Leader | null> {
    if (!LEADER_NAME_PATTERN.test(name)) return null
    const raw = await this.documents.getItemRaw<Buffer>(leaderKey(name))
    if (!raw) return null
    const parsed = Leader.safeParse(JSON.parse(raw.toString('utf8')))
    return parsed.success && parsed.data.name === name ? parsed.data : null
  }

  async list(): Promise<LeaderSummary[]> {
    const names = (await this.documents.getKeys('leaders')).map(key => LEADER_KEY.exec(key)?.[1]).filter(name => name !== undefined)
    const leaders = await Promise.all(names.map(name => this.get(name)))
    return leaders.filter(leader => leader !== null)
      .map(({ name, created_at }) => ({ name, created_at }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  async hasAny(): Promise<boolean> {
    return (await this.list()).length > 0
  }

  /** Name and password must already be valid (LeaderCreate); refuses a name that is taken. */
  async create(name: string, password: string): Promise<LeaderSummary> {
    return this.mutex.run(name, async () => {
      if (await this.get(name)) throw new LeaderExistsError(`A leader called "${name}" already exists`)
      const leader: Leader = { name, password_hash: await this.hasher.hash(password), created_at: new Date().toISOString() }
      await this.write(leader)
      return { name, created_at: leader.created_at }
    })
  }

  /** The new password must already be valid (LeaderPassword). */
  async setPassword(name: string, password: string): Promise<void> {
    await this.mutex.run(name, async () => {
      const leader = await this.get(name)
      if (!leader) throw new Error(`There is no leader called "${name}"`)
      await this.write({ ...leader, password_hash: await this.hasher.hash(password) })
    })
  }

  /**
   * False when there is no such leader. Refuses to remove the last one: nobody could sign in
   * afterwards. The caller holds a lock across instances (two leaders removing each other).
   */
  async remove(name: string): Promise<boolean> {
    return this.mutex.run(name, async () => {
      if (!await this.get(name)) return false
      if ((await this.list()).length <= 1) throw new LastLeaderError('The last course leader cannot be removed: add another leader first')
      await this.documents.removeItem(leaderKey(name))
      return true
    })
  }

  /** The leader if name and password match, else null. Unknown names cost a hash check too, so timing does not tell which names exist. */
  async verify(name: string, password: string): Promise<LeaderSummary | null> {
    const leader = await this.get(name)
    if (!leader) {
      await this.hasher.verify(await this.dummy(), password)
      return null
    }
    const ok = await this.hasher.verify(leader.password_hash, password).catch(() => false)
    return ok ? { name: leader.name, created_at: leader.created_at } : null
  }

  private async write(leader: Leader) {
    await this.documents.setItem(leaderKey(leader.name), `${JSON.stringify(leader, null, 2)}\n`)
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash('no leader has this password')
    return this.dummyHash
  }
}
