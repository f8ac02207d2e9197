import type { ExportProgress } from '#shared/admin-views'
/** How long a finished export's progress stays readable, and how many are kept at most. */
const KEEP_MS = 60 * 60 * 1000
const KEEP_AT_MOST = 200

/** In memory on purpose: progress matters only while the admin page that started it is open. */
export class ExportProgressTracker {
  private exports = new Map<string, ExportProgress>()

  get(exportId: string): ExportProgress | null {
    const progress = this.exports.get(exportId)
    return progress ? { ...progress } : null
  }

  isRunning(exportId: string): boolean {
    return this.exports.get(exportId)?.status === 'running'
  }

  start(exportId: string, runsTotal: number): ExportProgress {
    this.exports.delete(exportId)
    while (this.exports.size >= KEEP_AT_MOST) this.exports.delete(this.exports.keys().next().value!)
    const progress: ExportProgress = {
      export_id: exportId, status: 'running', runs_total: runsTotal, runs_done: 0, bytes: 0,
      started_at: new Date().toISOString(), error: null,
    }
    this.exports.set(exportId, progress)
    return progress
  }

  finish(progress: ExportProgress, error?: string) {
    progress.status = error === undefined ? 'done' : 'failed'
    progress.error = error ?? null
    setTimeout(() => {
      if (this.exports.get(progress.export_id) === progress) this.exports.delete(progress.export_id)
    }, KEEP_MS).unref()
  }
}

export const exportProgress = new ExportProgressTracker()
