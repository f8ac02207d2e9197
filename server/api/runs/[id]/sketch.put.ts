import { defineEventHandler } from 'h3'
import { SketchEdit } from '#shared/schemas/run'
import { useReadyApp } from '../../../utils/app-context'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { requireParam } from '../../../utils/http/route-params'
import { withStorageFailures } from '../../../utils/http/storage-failure'
import { saveSketch } from '../../../utils/pipeline/sketch-edits'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** PUT /api/runs/:id/sketch: the student's edit of the sketch, checked, stored as sketch.js and kept in the history; 422 when its words do not pass. */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const { code } = await readJsonBody(event, SketchEdit)
  const { service, runs, providers } = await useReadyApp()
  // Only the student who made the run edits its sketch: the history says "student".
  const run = await service.visibleRun(runId, { ...await runViewerOf(event), leader: false })
  await withStorageFailures(() => saveSketch(runs, providers.registry.preOutputSafety, run, code))
  return { saved: true }
})
