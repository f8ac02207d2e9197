import { createError, type H3Event } from 'h3'
import { STUDIO_SESSION_ID } from '#shared/schemas/session'
import { useAppContext } from '../app-context'
import type { Catalog } from '../catalog/catalog'
import { currentParticipant } from './current-participant'

/**
 * The perspectives and outputs offered to this device: its session's, or the open studio's
 * before it joined (that is where its first run would go). Null means all.
 */
export async function currentSessionAllowances(event: H3Event): Promise<{ perspectives: string[] | null, outputs: string[] | null }> {
  const participant = await currentParticipant(event)
  const session = await useAppContext().sessions.get(participant?.session_id ?? STUDIO_SESSION_ID)
  return { perspectives: session?.perspectives ?? null, outputs: session?.outputs ?? null }
}

/** A session may only allow perspectives and outputs that exist, so a typo cannot silently lock students out. */
export function assertKnownAllowances(catalog: Catalog, allowances: { perspectives?: string[] | null, outputs?: string[] | null }) {
  const unknownPerspectives = (allowances.perspectives ?? []).filter(id => !catalog.perspective(id))
  const unknownOutputs = (allowances.outputs ?? []).filter(id => !catalog.outputs.some(output => output.id === id))
  if (unknownPerspectives.length) throw createError({ statusCode: 400, statusMessage: `Unknown perspectives: ${unknownPerspectives.join(', ')}`, data: { field: 'perspectives' } })
  if (unknownOutputs.length) throw createError({ statusCode: 400, statusMessage: `Unknown outputs: ${unknownOutputs.join(', ')}`, data: { field: 'outputs' } })
  if (allowances.perspectives?.length === 0) throw createError({ statusCode: 400, statusMessage: 'A session needs at least one perspective (or all of them)', data: { field: 'perspectives' } })
  if (allowances.outputs?.length === 0) throw createError({ statusCode: 400, statusMessage: 'A session needs at least one output (or all of them)', data: { field: 'outputs' } })
}
