import type { Storage } from 'unstorage'
import { z } from 'zod'
import { KeyedMutex } from '../keyed-mutex'

/** Days to keep runs; null keeps them for ever. */
export const RetentionDays = z.number().int().min(1).max(3650).nullable()

/** PUT /api/admin/retention */
export const RetentionUpdate = z.object({ global_days: RetentionDays }).strict()

/** settings/retention.json: the global policy and what the last apply removed. */
export const RetentionSettings = z.object({
  global_days: RetentionDays,
  last_applied: z.object({ at: z.iso.datetime(), deleted: z.number().int().nonnegative() }).nullable(),
})
export type RetentionSettings = z.infer<typeof RetentionSettings>

const KEY = 'settings:retention.json'
const DEFAULTS: RetentionSettings = { global_days: null, last_applied: null }

/** The global retention policy; nothing is ever deleted until a leader sets a number of days. */
export class RetentionSettingsStore {
  // A leader's PUT and the job's `last_applied` write share one file: neither may undo the other.
  private mutex = new KeyedMutex()

  constructor(private documents: Storage) {}

  async get(): Promise<RetentionSettings> {
    const raw = await this.documents.getItemRaw<Buffer>(KEY)
    if (!raw) return { ...DEFAULTS }
    const parsed = RetentionSettings.safeParse(JSON.parse(raw.toString('utf8')))
    if (parsed.success) return parsed.data
    // Keeping runs is the safe reading of a broken file; deleting on a guess is not.
    console.warn(`[retention] ${KEY} is not valid, keeping every run until a leader saves the policy again`)
    return { ...DEFAULTS }
  }

  /** Applies `change` to the stored settings; returns what was there before and what is now. */
  async update(change: (current: RetentionSettings) => RetentionSettings): Promise<{ before: RetentionSettings, after: RetentionSettings }> {
    return this.mutex.run(KEY, async () => {
      const before = await this.get()
      const after = RetentionSettings.parse(change(structuredClone(before)))
      await this.documents.setItem(KEY, `${JSON.stringify(after, null, 2)}\n`)
      return { before, after }
    })
  }
}
