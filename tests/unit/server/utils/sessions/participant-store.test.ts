import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import { ParticipantStore } from '../../../../../server/utils/sessions/participant-store'
import { mountDocuments } from '../../../../../server/utils/storage/mount-documents'
import { makeTempDir } from '../../../../support/server'

function tempStore() {
  const dataDir = makeTempDir()
  const storage = createStorage()
  mountDocuments(storage, dataDir)
  return { dataDir, storage, store: new ParticipantStore(storage) }
}

describe('ParticipantStore', () => {
  it('lists a session’s participants, and only that session’s', async () => {
    const { store } = tempStore()
    const first = await store.create('s-class', 'de')
    const second = await store.create('s-class', 'en')
    await store.create('studio', 'de')
    expect((await store.members('s-class')).map(participant => participant.participant_id).sort()).toEqual([first.participant_id, second.participant_id].sort())
    expect(await store.count('s-class')).toBe(2)
  })

  it('writes one small entry per join instead of rewriting the session’s whole list', async () => {
    const { store, dataDir } = tempStore()
    for (let n = 0; n < 3; n++) await store.create('studio', 'de')
    expect(readdirSync(join(dataDir, 'session-members', 'studio'))).toHaveLength(3)
    expect(existsSync(join(dataDir, 'sessions', 'studio', 'participants.json'))).toBe(false)
  })

  it('still lists participants of a list written before, once each', async () => {
    const { store, storage } = tempStore()
    const old = await store.create('s-old', 'de')
    await storage.setItem('sessions:s-old:participants.json', JSON.stringify([old.participant_id]))
    const newer = await store.create('s-old', 'de')
    expect((await store.members('s-old')).map(participant => participant.participant_id).sort()).toEqual([old.participant_id, newer.participant_id].sort())
  })

  it('draws every participant id itself', async () => {
    const { store } = tempStore()
    const ids = new Set(await Promise.all(Array.from({ length: 20 }, async () => (await store.create('studio', 'de')).participant_id)))
    expect(ids.size).toBe(20)
  })
})
