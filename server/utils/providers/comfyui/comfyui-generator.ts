import type { MediaType } from '#shared/schemas/common'
import type { BackendConfig } from '#shared/schemas/providers'
import { mediumOf } from '../../../../media/server-registry'
import { BackendError } from '../backends/backend-error'
import type { BackendGate } from '../backends/backend-gate'
import { pictureAssignments, picturePlaceholdersIn, picturesFor } from '../picture-placeholders'
import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../types'
import type { ComfyuiClient } from './comfyui-client'
import { runComfyuiJob, type ComfyuiResult } from './comfyui-job'
import { uploadPictures } from './comfyui-pictures'
import { fillWorkflow, storedWorkflow, workflowValues } from './comfyui-workflow'

/** Images, audio or video (whatever the output config's media type asks for) from its stored workflow. */
export class ComfyuiGenerator implements GenerationProvider {
  readonly id: string
  /** The model is whatever checkpoint each output's workflow loads. */
  readonly model = 'workflow'
  /** What most ComfyUI outputs make; each output config's media_type decides which saved file is kept. */
  readonly mediaType = 'image' as const

  constructor(
    private readonly config: BackendConfig,
    private readonly gate: BackendGate,
    private readonly client: ComfyuiClient,
    private readonly pollMs: number,
  ) {
    this.id = config.id
  }

  async generate(input: GenerationInput): Promise<GeneratedMedia> {
    const { output, prompt, seed } = input
    const stored = storedWorkflow(output)
    const used = picturePlaceholdersIn(stored)
    const pictures = picturesFor(output, input.pictures, used, this.client.label)
    return this.gate.run(async () => {
      const timeoutS = this.config.timeout_s
      const deadline = new AbortController()
      const timer = setTimeout(() => deadline.abort(new BackendError('timeout', `${this.client.label} did not finish the job within ${timeoutS} s`)), timeoutS * 1000)
      const signal = input.signal ? AbortSignal.any([input.signal, deadline.signal]) : deadline.signal
      try {
        // "{{image}}" … become the names ComfyUI gave the uploads (LoadImage's `image`).
        const names = await uploadPictures(this.client, pictures, signal)
        const workflow = fillWorkflow(stored, { ...workflowValues(output, prompt, seed, input.music), ...pictureAssignments(used, names) })
        const result = await runComfyuiJob(this.client, { workflow, mediaType: output.media_type, signal, onProgress: input.onProgress, onWaiting: input.onWaiting, pollMs: this.pollMs })
        return await toMedia(result, output.media_type)
      }
      finally {
        clearTimeout(timer)
      }
    }, { signal: input.signal, onWaiting: input.onWaiting })
  }
}

/** The saved file with the size and length its medium reads from the bytes. */
async function toMedia({ file, data, mime }: ComfyuiResult, mediaType: MediaType): Promise<GeneratedMedia> {
  const extension = (/\.([a-z0-9]+)$/i.exec(file.filename)?.[1] ?? 'bin').toLowerCase()
  const media = { data, mime, extension, width: null, height: null, duration_s: null }
  const { width, height, duration_s } = await mediumOf(mediaType).probe(media)
  return { ...media, width, height, duration_s }
}
