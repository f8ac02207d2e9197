import type { MediaType } from '#shared/schemas/common'
import { audio } from './audio/server'
import { code } from './code/server'
import { image } from './image/server'
import { model } from './model/server'
import type { Medium } from './types'
import { video } from './video/server'

/** Every medium the server can make, one line each (Nitro's bundler cannot glob a folder). */
const MEDIA: Medium[] = [image, audio, video, code, model]

const BY_TYPE = new Map(MEDIA.map(medium => [medium.type, medium]))

export const allMedia = (): readonly Medium[] => MEDIA

/** The medium of an output; throws for a type in MEDIA_TYPES whose folder has no server.ts yet. */
export function mediumOf(type: MediaType): Medium {
  const medium = BY_TYPE.get(type)
  if (!medium) throw new Error(`No medium "${type}" is registered in media/server-registry.ts`)
  return medium
}

/** Whether a medium of that type can be made on this server at all. */
export const hasMedium = (type: MediaType) => BY_TYPE.has(type)
