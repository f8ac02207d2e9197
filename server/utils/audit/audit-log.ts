import { randomBytes } from 'node:crypto'
import type { Storage } from 'unstorage'
import type { AuditEntry } from '#shared/schemas/session'

export type AuditRecord = Omit<AuditEntry, 'id' | 'at' | 'run_id' | 'session_id' | 'reason'>
  & Partial<Pick<AuditEntry, 'run_id' | 'session_id' | 'reason'>>

/**
 * Who did what to which run or session, and why: one small JSON file per entry under `audit/`,
 * grouped by day. Entries are only ever added, so concurrent writers never conflict.
 */
export class AuditLog {
  constructor(private documents: Storage) {}

  async add(record: AuditRecord): Promise<AuditEntry> {
    const at = new Date()
    const id = `${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`
    const entry: AuditEntry = { run_id: null, session_id: null, reason: null, ...record, id, at: at.toISOString() }
    await this.documents.setItem(`audit:${at.toISOString().slice(0, 10)}:${id}.json`, `${JSON.stringify(entry)}\n`)
    return entry
  }

  /** Newest first. Reads only the entries it returns, plus the key listing. */
  async list(options: { limit: number, runId?: string }): Promise<AuditEntry[]> {
    const keys = (await this.documents.getKeys('audit')).filter(key => key.endsWith('.json')).sort().reverse()
    const entries: AuditEntry[] = []
    for (const key of keys) {
      if (entries.length >= options.limit) break
      const raw = await this.documents.getItemRaw<Buffer>(key)
      if (!raw) continue
      const entry = JSON.parse(raw.toString('utf8')) as AuditEntry
      if (!options.runId || entry.run_id === options.runId) entries.push(entry)
    }
    return entries
  }
}
