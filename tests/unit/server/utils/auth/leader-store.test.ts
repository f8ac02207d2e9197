import { Hash } from '@adonisjs/hash'
import { Scrypt } from '@adonisjs/hash/drivers/scrypt'
import { createStorage } from 'unstorage'
import { describe, expect, it, vi } from 'vitest'
import { createFirstLeader } from '../../../../../server/utils/auth/first-leader'
import { LastLeaderError, LeaderExistsError, LeaderStore } from '../../../../../server/utils/auth/leader-store'
import type { PasswordHasher } from '../../../../../server/utils/auth/password-hasher'

// The same scrypt set-up as nuxt-auth-utils (and the CLI), so hashes are interchangeable.
const hash = new Hash(new Scrypt({}))
const hasher: PasswordHasher = { hash: password => hash.make(password), verify: (stored, password) => hash.verify(stored, password) }

const newStore = () => {
  const storage = createStorage()
  return { storage, leaders: new LeaderStore(storage, hasher) }
}

describe('LeaderStore', () => {
  it('changes a password: the old one stops working, the new one works', async () => {
    const { leaders } = newStore()
    await leaders.create('maria', 'correct horse battery')
    await leaders.setPassword('maria', 'another long password')
    expect(await leaders.verify('maria', 'correct horse battery')).toBeNull()
    expect(await leaders.verify('maria', 'another long password')).toMatchObject({ name: 'maria' })
  })

  it('removes a leader, answers false for an unknown one and refuses to remove the last', async () => {
    const { leaders } = newStore()
    await leaders.create('maria', 'correct horse battery')
    await leaders.create('tom', 'correct horse battery')
    expect(await leaders.remove('nobody')).toBe(false)
    expect(await leaders.remove('tom')).toBe(true)
    await expect(leaders.remove('maria')).rejects.toBeInstanceOf(LastLeaderError)
    expect((await leaders.list()).map(leader => leader.name)).toEqual(['maria'])
  })

  it('stores only a scrypt hash and verifies the right password', async () => {
    const { storage, leaders } = newStore()
    await leaders.create('maria', 'correct horse battery')
    const stored = JSON.parse(String(await storage.getItemRaw('leaders:maria.json')))
    expect(stored).toMatchObject({ name: 'maria', password_hash: expect.stringMatching(/^\$scrypt\$/) })
    expect(JSON.stringify(stored)).not.toContain('correct horse')
    expect(await leaders.verify('maria', 'correct horse battery')).toMatchObject({ name: 'maria' })
    expect(await leaders.verify('maria', 'wrong password!')).toBeNull()
  })

  it('answers null for an unknown name after checking a dummy hash, so timing does not reveal names', async () => {
    const { leaders } = newStore()
    const verify = vi.spyOn(hasher, 'verify')
    expect(await leaders.verify('nobody', 'some password')).toBeNull()
    expect(verify).toHaveBeenCalledTimes(1)
    verify.mockRestore()
  })

  it('refuses a name that is taken', async () => {
    const { leaders } = newStore()
    await leaders.create('maria', 'correct horse battery')
    await expect(leaders.create('maria', 'another password')).rejects.toBeInstanceOf(LeaderExistsError)
  })

  it('never reads a key outside the leader name pattern', async () => {
    const { storage, leaders } = newStore()
    await storage.setItem('leaders:Bad:name.json', '{}')
    expect(await leaders.get('../sessions/x')).toBeNull()
    expect(await leaders.get('Bad:name')).toBeNull()
  })

  it('lists names and creation times without hashes', async () => {
    const { leaders } = newStore()
    await leaders.create('zoe', 'correct horse battery')
    await leaders.create('anna', 'correct horse battery')
    const list = await leaders.list()
    expect(list.map(leader => leader.name)).toEqual(['anna', 'zoe'])
    expect(Object.keys(list[0]!).sort()).toEqual(['created_at', 'name'])
  })
})

describe('createFirstLeader', () => {
  it('creates admin from the password only while no leader exists', async () => {
    const { leaders } = newStore()
    expect(await createFirstLeader(leaders, '')).toBe(false)
    expect(await leaders.hasAny()).toBe(false)
    expect(await createFirstLeader(leaders, 'first password')).toBe(true)
    expect(await leaders.verify('admin', 'first password')).not.toBeNull()
    expect(await createFirstLeader(leaders, 'changed password')).toBe(false)
    expect(await leaders.verify('admin', 'changed password')).toBeNull()
  })
})
