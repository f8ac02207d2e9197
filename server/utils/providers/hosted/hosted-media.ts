import type { MediaType } from '#shared/schemas/common'
import { mediumOf } from '../../../../media/server-registry'
import { BackendError } from '../backends/backend-error'
import { backendFetch, type BackendRequestOptions } from '../backends/backend-http'
import type { GeneratedMedia } from '../types'

/** Knobs tests turn down; production uses the defaults. */
export interface HostedOptions {
  /** First retry backoff step (backendFetch). */
  backoffMs?: number
  /** Between two polls of a Replicate prediction. */
  pollIntervalMs?: number
}

/**
 * A 401 is a bad key: say which setting to look at. A 403 is a good key without the right
 * ("Your organization must be verified to use the model gpt-image-1"): its own words say more.
 */
export function explainKeyProblem(error: unknown, label: string): unknown {
  if (error instanceof BackendError && error.status === 401) {
    return new BackendError('rejected', `${label} did not accept the API key (${error.status}): check api_key in the provider settings`, error.status, null, error.body)
  }
  return error
}

/**
 * Downloads a result file at once (hosted APIs delete them after about an hour) and checks that
 * it is the media the output asked for, so a stray HTML error page never becomes a child's picture.
 */
export async function downloadMedia(url: string, mediaType: MediaType, options: BackendRequestOptions): Promise<GeneratedMedia> {
  let response: Response
  try {
    response = await backendFetch(url, {}, options)
  }
  catch (error) {
    if (error instanceof BackendError && (error.status === 404 || error.status === 410)) {
      throw new BackendError('rejected', `${options.label} no longer has the result file (${error.status}); hosted results are deleted after about an hour`, error.status)
    }
    throw error
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const data = Buffer.from(await response.arrayBuffer())
  return mediumOf(mediaType).fromDownload({ data, contentType, url, label: options.label })
}
