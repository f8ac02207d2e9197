import { randomUUID } from 'node:crypto'
import { BackendError } from '../backends/backend-error'
import type { InputPicture } from '../types'
import type { ComfyuiClient } from './comfyui-client'

/** Ours stay together in one subfolder of ComfyUI's temp folder (emptied at every ComfyUI start). */
export const PICTURE_SUBFOLDER = 'ai4artsed'

/**
 * Uploads the run's pictures, each under a name no other run uses (ComfyUI keeps the folder flat
 * and shared), and answers the LoadImage value of each, in the pictures' order.
 */
export async function uploadPictures(client: ComfyuiClient, pictures: readonly InputPicture[], signal: AbortSignal): Promise<string[]> {
  const job = randomUUID()
  const names: string[] = []
  for (const [index, picture] of pictures.entries()) {
    const extension = /\.([a-z0-9]+)$/i.exec(picture.file)?.[1]?.toLowerCase() ?? (picture.mime === 'image/png' ? 'png' : 'jpg')
    try {
      names.push(await client.uploadPicture(picture, `${job}-${index + 1}.${extension}`, PICTURE_SUBFOLDER, signal))
    }
    catch (error) {
      if (!(error instanceof BackendError)) throw error
      throw new BackendError(error.kind, `${client.label} did not take picture ${index + 1} (${picture.file}): ${error.message}`, error.status, error.retryAfterS, error.body)
    }
  }
  return names
}
