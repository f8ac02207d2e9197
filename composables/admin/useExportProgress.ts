import { useIntervalFn } from '@vueuse/core'
import type { ExportProgress } from '#shared/admin-views'

// The export registers its id when the download request arrives; until then the progress route says 404.
const MISSING_POLLS_ALLOWED = 10

/**
 * Starts an export as a normal browser download (the ZIP streams to disk, never into the page's
 * memory) and polls its progress every second until it is done or failed.
 */
export function useExportProgress() {
  const progress = ref<ExportProgress | null>(null)
  let exportId = ''
  let missing = 0

  const poller = useIntervalFn(poll, 1_000, { immediate: false })

  async function poll() {
    try {
      progress.value = await $fetch<ExportProgress>(`/api/admin/exports/${exportId}`, { timeout: 5_000 })
      if (progress.value.status !== 'running') poller.pause()
    }
    catch {
      if (++missing < MISSING_POLLS_ALLOWED) return
      poller.pause()
      if (progress.value) progress.value = { ...progress.value, status: 'failed', error: progress.value.error ?? 'unreachable' }
    }
  }

  function start(url: (id: string) => string) {
    exportId = crypto.randomUUID()
    missing = 0
    progress.value = { export_id: exportId, status: 'running', runs_total: 0, runs_done: 0, bytes: 0, started_at: new Date().toISOString(), error: null }
    const link = document.createElement('a')
    link.href = url(exportId)
    link.download = ''
    document.body.append(link)
    link.click()
    link.remove()
    poller.resume()
  }

  const dismiss = () => { poller.pause(); progress.value = null }

  return { progress: readonly(progress), running: computed(() => progress.value?.status === 'running'), start, dismiss }
}
