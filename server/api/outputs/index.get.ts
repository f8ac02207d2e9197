import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'

/** GET /api/outputs: the output configs media can be generated with. */
export default defineEventHandler(async () => {
  const { catalog } = await useReadyApp()
  return catalog.outputs
})
