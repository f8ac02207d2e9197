import { createError, defineEventHandler } from 'h3'
import { z } from 'zod'
import { useReadyApp } from '../../utils/app-context'
import { requireLeader } from '../../utils/auth/leader'
import { readJsonBody } from '../../utils/http/read-json-body'
import { ProviderSettingsProblem } from '../../utils/providers/provider-settings'

/** The body's shape only; the settings themselves are checked with the env overlay applied. */
const ProviderSettingsBody = z.object({
  backends: z.array(z.record(z.string(), z.unknown())).max(50).default([]),
  stages: z.record(z.string(), z.unknown()).default({}),
  default_outputs: z.record(z.string(), z.unknown()).default({}),
}).strict()

/**
 * PUT /api/admin/providers {backends, stages, default_outputs}: saves and uses them at once.
 * A backend without `api_key` keeps its key; "" clears it. Parts set by NUXT_PROVIDERS cannot change (409).
 */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const body = await readJsonBody(event, ProviderSettingsBody)
  const { providers } = await useReadyApp()
  try {
    return await providers.save(body, leader.name)
  }
  catch (error) {
    if (!(error instanceof ProviderSettingsProblem)) throw error
    throw createError({ statusCode: error.statusCode, statusMessage: error.message, data: { field: error.field } })
  }
})
