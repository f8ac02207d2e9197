import type { AuditLog } from '../audit/audit-log'
import type { SessionStore } from '../sessions/session-store'
import type { ParticipantRuns } from '../storage/participant-runs'
import type { RunStore } from '../storage/run-store'
import type { UploadStore } from '../uploads/upload-store'
import { isInQueue, type PlannedDeletion, plannedDeletions, type RetentionCutoff, retentionCutoffs } from './retention-plan'
import type { RetentionSettings, RetentionSettingsStore } from './retention-settings'
import type { RetentionCandidate } from './run-candidates'

/** A preview lists at most this many runs (oldest first); `total` still counts them all. */
export const PREVIEW_LIMIT = 1000

export interface RetentionPreview { cutoffs: RetentionCutoff[], runs: PlannedDeletion[], total: number }

export interface RetentionJobDeps {
  runs: RunStore
  participants: ParticipantRuns
  sessions: SessionStore
  audit: AuditLog
  settings: RetentionSettingsStore
  candidates: (before: string) => AsyncIterable<RetentionCandidate>
  /** Uploaded pictures past their 24 hours go with the same sweep. */
  uploads?: Pick<UploadStore, 'removeExpired'>
  /** The coordinator's tryLock: of several instances on one storage only one applies at a time. */
  tryLock?: <T>(key: string, ttlMs: number, work: () => Promise<T>) => Promise<T | null>
}

const RETENTION_LOCK_MS = 60_000

/**
 * Preview and apply of the retention policy. The scheduled job and the leader's "apply now" share
 * `apply`; a call while one is in progress gets that one's result instead of starting a second.
 */
export class RetentionJob {
  private applying: Promise<{ deleted: number }> | null = null
  /** The stored global policy, for the settings routes. */
  readonly settings: RetentionSettingsStore

  constructor(private deps: RetentionJobDeps) {
    this.settings = deps.settings
  }

  /** A leader changes the global days; the audit keeps both values. */
  async setGlobalDays(days: number | null, actor: string): Promise<RetentionSettings> {
    const { before, after } = await this.settings.update(current => ({ ...current, global_days: days }))
    await this.deps.audit.add({ actor, action: 'retention.update', detail: { old_global_days: before.global_days, new_global_days: after.global_days } })
    return after
  }

  async preview(now = new Date()): Promise<RetentionPreview> {
    const { cutoffs, runs } = await this.plan(now)
    runs.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
    return { cutoffs, runs: runs.slice(0, PREVIEW_LIMIT), total: runs.length }
  }

  apply(now = new Date()): Promise<{ deleted: number }> {
    this.applying ??= this.applyExclusive(now).finally(() => { this.applying = null })
    return this.applying
  }

  private async plan(now: Date) {
    const [settings, sessions] = await Promise.all([this.deps.settings.get(), this.deps.sessions.list()])
    const input = { globalDays: settings.global_days, sessions, now, candidates: this.deps.candidates }
    const runs: PlannedDeletion[] = []
    // Collected before deleting: removing folders while the scan still walks them is asking for trouble.
    for await (const run of plannedDeletions(input)) runs.push(run)
    return { cutoffs: retentionCutoffs(input), runs }
  }

  /** Another instance applying right now deletes the same runs; this one then deletes none. */
  private async applyExclusive(now: Date): Promise<{ deleted: number }> {
    const { tryLock } = this.deps
    if (!tryLock) return this.applyOnce(now)
    return await tryLock('retention', RETENTION_LOCK_MS, () => this.applyOnce(now)) ?? { deleted: 0 }
  }

  private async applyOnce(now: Date): Promise<{ deleted: number }> {
    const { runs, participants, audit } = this.deps
    let deleted = 0
    for (const planned of (await this.plan(now)).runs) {
      try {
        // The plan may come from an index a moment behind: check the run as stored now.
        const run = await runs.get(planned.run_id)
        if (!run || isInQueue(run.status)) continue
        await runs.delete(run.run_id)
        if (run.participant_id) await participants.remove(run.participant_id, run.run_id)
        await audit.add({
          actor: 'retention', action: 'retention.delete', run_id: run.run_id, session_id: run.session_id,
          detail: { days: planned.older_than_days, created_at: run.created_at },
        })
        deleted++
      }
      catch (error) {
        console.error(`[retention] could not delete run ${planned.run_id}`, error)
      }
    }
    await this.deps.settings.update(current => ({ ...current, last_applied: { at: now.toISOString(), deleted } }))
    if (deleted) console.info(`[retention] deleted ${deleted} run(s)`)
    await this.removeExpiredUploads(now)
    return { deleted }
  }

  private async removeExpiredUploads(now: Date) {
    const { uploads, runs } = this.deps
    if (!uploads) return
    try {
      const removed = await uploads.removeExpired(async runId => await runs.get(runId) !== null, now)
      if (removed) console.info(`[retention] removed ${removed} expired upload(s)`)
    }
    catch (error) {
      console.error('[retention] could not remove expired uploads', error)
    }
  }
}
