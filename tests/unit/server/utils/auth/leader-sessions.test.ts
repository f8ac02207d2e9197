import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import { LeaderSessions } from '../../../../../server/utils/auth/leader-sessions'

const clock = () => {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => { now += ms } }
}
const HOUR = 3600_000

const newSessions = (lifetime = { maxAgeMs: 24 * HOUR, idleMs: 2 * HOUR }) => {
  const time = clock()
  const storage = createStorage()
  return { time, storage, sessions: new LeaderSessions(storage, lifetime, time.now) }
}

describe('LeaderSessions', () => {
  it('stores only a hash of the token, and ending a session makes its token worthless at once', async () => {
    const { storage, sessions } = newSessions()
    const token = await sessions.create('maria')
    expect(await sessions.leaderOf(token)).toBe('maria')
    const keys = await storage.getKeys('leader-sessions')
    expect(keys).toHaveLength(1)
    expect(keys[0]).not.toContain(token)
    expect(String(await storage.getItemRaw(keys[0]!))).not.toContain(token)
    await sessions.end(token)
    expect(await sessions.leaderOf(token)).toBeNull()
  })

  it('ends a session after the idle time without requests, and after the lifetime however busy', async () => {
    const { time, sessions } = newSessions()
    const idle = await sessions.create('maria')
    const busy = await sessions.create('maria')
    time.advance(HOUR)
    expect(await sessions.leaderOf(busy)).toBe('maria')
    time.advance(HOUR)
    expect(await sessions.leaderOf(idle)).toBeNull()
    for (let hours = 2; hours < 24; hours++) {
      expect(await sessions.leaderOf(busy)).toBe('maria')
      time.advance(HOUR)
    }
    expect(await sessions.leaderOf(busy)).toBeNull()
  })

  it('signs a leader out everywhere, optionally keeping one session, and leaves other leaders signed in', async () => {
    const { sessions } = newSessions()
    const [laptop, ipad, other] = [await sessions.create('maria'), await sessions.create('maria'), await sessions.create('tom')]
    expect(await sessions.endAllOf('maria', laptop)).toBe(1)
    expect([await sessions.leaderOf(laptop), await sessions.leaderOf(ipad), await sessions.leaderOf(other)]).toEqual(['maria', null, 'tom'])
    expect(await sessions.endAllOf('maria')).toBe(1)
    expect(await sessions.leaderOf(laptop)).toBeNull()
  })

  it('refuses tokens of the wrong shape and removes expired records when the next session starts', async () => {
    const { time, storage, sessions } = newSessions()
    await sessions.create('maria')
    expect(await sessions.leaderOf('../leaders/maria')).toBeNull()
    time.advance(3 * HOUR)
    await sessions.create('tom')
    expect(await storage.getKeys('leader-sessions')).toHaveLength(1)
  })
})
