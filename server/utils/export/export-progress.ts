import type { ExportProgress } from '#shared/admin-views'
import type { ExpiringStore } from '../cluster/expiring-store'

/** How long a finished export's progress stays readable. */
const KEEP_MS = 60 * 60 * 1000
/** A running export's progress is copied to the store this often; it expires after a few missed copies (its instance died). */
const PUBLISH_MS = 500
const RUNNING_TTL_MS = 10_000

/**
 * The progress of exports: the running ones are written to in this process (the ZIP streams from
 * here) and copied to the expiring store, so the admin page's polls may reach any instance.
 */
export class ExportProgressTracker {
  private running = new Map<string, ExportProgress>()
  private timer: NodeJS.Timeout | null = null

  constructor(private store: ExpiringStore) {}

  async get(exportId: string): Promise<ExportProgress | null> {
    const local = this.running.get(exportId)
    if (local) return { ...local }
    const stored = await this.store.get(storeKey(exportId))
    return stored ? JSON.parse(stored) as ExportProgress : null
  }

  async isRunning(exportId: string): Promise<boolean> {
    return (await this.get(exportId))?.status === 'running'
  }

  /** The progress object the export updates as it goes; `finish` it in every case. */
  async start(exportId: string, runsTotal: number): Promise<ExportProgress> {
    const progress: ExportProgress = {
      export_id: exportId, status: 'running', runs_total: runsTotal, runs_done: 0, bytes: 0,
      started_at: new Date().toISOString(), error: null,
    }
    this.running.set(exportId, progress)
    await this.publish(progress, RUNNING_TTL_MS)
    this.timer ??= setInterval(() => this.publishRunning(), PUBLISH_MS).unref()
    return progress
  }

  async finish(progress: ExportProgress, error?: string) {
    progress.status = error === undefined ? 'done' : 'failed'
    progress.error = error ?? null
    this.running.delete(progress.export_id)
    if (!this.running.size && this.timer) {
      clearInterval(this.timer)
      this.timer = null
    }
    await this.publish(progress, KEEP_MS)
  }

  private publishRunning() {
    for (const progress of this.running.values()) void this.publish(progress, RUNNING_TTL_MS)
  }

  private async publish(progress: ExportProgress, ttlMs: number) {
    await this.store.set(storeKey(progress.export_id), JSON.stringify(progress), ttlMs)
      .catch(error => console.error('[export] could not share the progress', error))
  }
}

const storeKey = (exportId: string) => `export-progress:${exportId}`
