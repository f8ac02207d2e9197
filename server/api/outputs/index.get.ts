import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { currentSessionAllowances } from '../../utils/sessions/session-allowances'

/** GET /api/outputs: the output configs this device's session allows media to be generated with, and whose backend is configured. */
export default defineEventHandler(async (event) => {
  const { catalog } = await useReadyApp()
  const allowed = (await currentSessionAllowances(event)).outputs
  const available = catalog.availableOutputs()
  return allowed ? available.filter(output => allowed.includes(output.id)) : available
})
