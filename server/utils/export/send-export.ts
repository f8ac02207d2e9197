import { pipeline } from 'node:stream/promises'
import { createError, type H3Event, setResponseHeaders } from 'h3'
import { ExportZip } from './export-zip'
import type { ExportProgressTracker } from './export-progress'
import type { RunSelection } from './run-selection'
import { type ExportStores, writeExport } from './write-export'

/**
 * Streams the ZIP as the response and keeps its progress under `exportId`. A client that goes
 * away stops the reading at the next file; the half-sent ZIP is cut off, never finished.
 */
export async function sendExport(event: H3Event, stores: ExportStores, selection: RunSelection, exportId: string, exportProgress: ExportProgressTracker) {
  if (await exportProgress.isRunning(exportId)) throw createError({ statusCode: 409, statusMessage: 'An export with this id is already running' })
  const progress = await exportProgress.start(exportId, selection.total)
  const response = event.node.res
  const aborter = new AbortController()
  // The response's 'close' also fires after a complete download; only an early one is a cancel.
  let cancelled = false
  response.once('close', () => {
    cancelled = !response.writableFinished
    if (cancelled) aborter.abort(new Error('The download was cancelled before it finished'))
  })
  setResponseHeaders(event, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="ai4artsed-runs-${new Date().toISOString().slice(0, 10)}.zip"`,
    'cache-control': 'no-store',
    'x-export-id': exportId,
  })
  const zip = new ExportZip()
  try {
    // The response ends only after the progress says done: a poll sent once the download has
    // arrived, to any instance, must not read "running".
    await Promise.all([writeExport(stores, selection, zip, progress, aborter.signal), pipeline(zip, response, { end: false })])
    progress.bytes = zip.getBytesWritten()
    await exportProgress.finish(progress)
    response.end()
  }
  catch (error) {
    // Logged before anything is awaited: the response's 'close' would mark it as cancelled.
    if (!cancelled) console.error('[export] failed', error)
    aborter.abort(error)
    zip.destroy()
    response.destroy()
    await exportProgress.finish(progress, error instanceof Error ? error.message : String(error))
  }
}
