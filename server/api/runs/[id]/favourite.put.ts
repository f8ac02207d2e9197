import { defineEventHandler } from 'h3'
import { FavouriteRequest } from '#shared/schemas/run'
import { useReadyApp } from '../../../utils/app-context'
import { participantIdOf } from '../../../utils/http/participant-cookie'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { requireParam } from '../../../utils/http/route-params'

/** PUT /api/runs/:id/favourite: the student marks or unmarks one of their own runs. */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const { favourite } = await readJsonBody(event, FavouriteRequest)
  const { service } = await useReadyApp()
  const run = await service.setFavourite(runId, participantIdOf(event), favourite)
  return { run_id: run.run_id, favourite: run.favourite }
})
