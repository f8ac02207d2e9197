import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'

/** GET /api/schema/info: compatibility route listing the perspectives ("schemas") and outputs. */
export default defineEventHandler(async () => {
  const { catalog } = await useReadyApp()
  return {
    schemas: catalog.perspectives.map(({ id, name, description, category, default_output }) => ({ id, name, description, category, default_output })),
    output_configs: catalog.availableOutputs().map(({ id, name, media_type }) => ({ id, name, media_type })),
  }
})
