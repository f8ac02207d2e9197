import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { localize, SafetyLevel } from '#shared/schemas/common'
import { useReadyApp } from '../../../utils/app-context'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { mediaUrl } from '../../../utils/pipeline/run-status-view'
import { withStorageFailures } from '../../../utils/http/storage-failure'
import { participantForNewRun } from '../../../utils/sessions/current-participant'

/** The request the school's existing scripts send; unknown extra fields are ignored. */
const ExecuteRequest = z.object({
  schema: z.string().min(1).max(64),
  input_text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  execution_mode: z.string().max(32).optional(),
  safety_level: SafetyLevel.optional(),
  output_config: z.string().min(1).max(64).optional(),
})

const COMPAT_STATUS = { completed: 'success', blocked: 'blocked', failed: 'error', cancelled: 'cancelled' } as const

/**
 * POST /api/schema/pipeline/execute: compatibility route. Runs all four stages and answers when
 * the run has ended: the one route that waits for generation.
 */
export default defineEventHandler(async (event) => {
  const body = await readJsonBody(event, ExecuteRequest)
  const { service, catalog, settings, addressLimiter, diskGuard } = await useReadyApp()
  const perspective = catalog.perspective(body.schema)
  const participant = await participantForNewRun(event)
  await diskGuard.assertRoom()
  await addressLimiter.spend(event, 'run')
  const created = await withStorageFailures(() => service.create({
    perspective: body.schema,
    input_text: body.input_text,
    safety_level: body.safety_level,
    output: body.output_config ?? perspective?.default_output,
  }, participant))
  const run = await service.waitForEnd(created.run_id, settings.runTimeoutSeconds * 2000)
  const output = run.outputs[0]
  return {
    status: COMPAT_STATUS[run.status as keyof typeof COMPAT_STATUS] ?? run.status,
    run_id: run.run_id,
    final_output: run.interception_text,
    media_output: output ? { type: output.type, url: mediaUrl(run.run_id, output.filename), mime: output.mime, run_id: run.run_id } : null,
    ...(run.blocked ? { blocked: run.blocked } : {}),
    // The child's words only: the full reason (backend, address) is for leaders' pages.
    ...(run.error ? { error: localize(run.error.child_message, settings.defaultLanguage) } : {}),
  }
})
