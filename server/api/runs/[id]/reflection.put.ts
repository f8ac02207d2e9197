import { defineEventHandler } from 'h3'
import { ReflectionRequest } from '#shared/schemas/run'
import { useReadyApp } from '../../../utils/app-context'
import { participantIdOf } from '../../../utils/http/participant-cookie'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { requireParam } from '../../../utils/http/route-params'
import { withStorageFailures } from '../../../utils/http/storage-failure'
import { reflectionView, saveReflection } from '../../../utils/reflection/reflection'

/** PUT /api/runs/:id/reflection {question_id, chip?, text?}: the student's answer, kept in the run; typed words are checked (422 otherwise). */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const answer = await readJsonBody(event, ReflectionRequest)
  const { service, runs, catalog, providers, personalData } = await useReadyApp()
  // Only the student who made the run answers; a leader never writes into a child's reflection.
  const run = await service.visibleRun(runId, { participantId: participantIdOf(event), leader: false })
  const saved = await withStorageFailures(() => saveReflection({ runs, catalog, safety: providers.registry.inputSafety, personalData }, run, answer))
  return reflectionView(catalog, saved)
})
