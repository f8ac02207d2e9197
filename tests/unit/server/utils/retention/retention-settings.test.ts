import { describe, expect, it, vi } from 'vitest'
import { RetentionSettingsStore, RetentionUpdate } from '../../../../../server/utils/retention/retention-settings'
import { tempRunStore } from '../../../../support/run-store'

describe('RetentionSettingsStore', () => {
  it('keeps for ever until a policy is saved, and stores it in settings/retention.json', async () => {
    const { storage } = tempRunStore()
    const store = new RetentionSettingsStore(storage)
    expect(await store.get()).toEqual({ global_days: null, last_applied: null })
    await store.update(current => ({ ...current, global_days: 90 }))
    expect(JSON.parse(String(await storage.getItemRaw('settings:retention.json')))).toEqual({ global_days: 90, last_applied: null })
  })

  it('reads a broken file as "keep every run" instead of guessing', async () => {
    const { storage } = tempRunStore()
    await storage.setItem('settings:retention.json', '{"global_days": "soon"}')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await new RetentionSettingsStore(storage).get()).toEqual({ global_days: null, last_applied: null })
    warn.mockRestore()
  })

  it('accepts whole days from 1 to 3650 or null, nothing else', () => {
    for (const days of [1, 3650, null]) expect(RetentionUpdate.safeParse({ global_days: days }).success).toBe(true)
    for (const days of [0, 3651, 1.5, '30', undefined]) expect(RetentionUpdate.safeParse({ global_days: days }).success).toBe(false)
    expect(RetentionUpdate.safeParse({ global_days: 30, extra: 1 }).success).toBe(false)
  })
})
