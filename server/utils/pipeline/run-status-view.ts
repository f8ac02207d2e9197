import { RUN_CHECK_STAGES, RUN_CHECKS } from '#shared/run-status'
import type { InputImageRecord, InputImageView, RunMetadata, RunOutputView, RunStatusView } from '#shared/schemas/run'

export const mediaUrl = (runId: string, file: string) => `/api/runs/${runId}/media/${file}`

/** The run's pictures for its student's and leaders' pages, with a small size for tiles. */
export const inputImageViews = (run: { run_id: string, input_images: readonly Pick<InputImageRecord, 'file' | 'mime' | 'width' | 'height'>[] }): InputImageView[] =>
  run.input_images.map(image => ({
    file: image.file,
    url: mediaUrl(run.run_id, image.file),
    thumbnail_url: `${mediaUrl(run.run_id, image.file)}?w=128`,
    width: image.width,
    height: image.height,
    mime: image.mime,
  }))

/** One released output as pages show it (a song with its words and tags). */
export function outputView(run: RunMetadata, output: RunMetadata['outputs'][number]): RunOutputView {
  return {
    type: output.type,
    url: mediaUrl(run.run_id, output.filename),
    thumbnail_url: output.thumbnail ? mediaUrl(run.run_id, output.thumbnail) : null,
    mime: output.mime,
    width: output.width,
    height: output.height,
    duration_s: output.duration_s,
    ...(output.type === 'audio' && run.lyrics ? { lyrics: run.lyrics, tags: run.tags } : {}),
  }
}

/** The small document every iPad polls: no prompt history, no research detail. */
export function toRunStatusView(run: RunMetadata, queuePosition: number | null): RunStatusView {
  return {
    run_id: run.run_id,
    status: run.status,
    stage: run.stage,
    // Queued in our run queue, or running but waiting in line for a busy backend.
    queue_position: run.status === 'queued' ? queuePosition : run.status === 'running' ? run.waiting_position : null,
    progress: run.progress,
    stages: run.stages.map(({ name, status, duration_ms }) => ({ name, status, duration_ms })),
    checks_passed: RUN_CHECKS.filter(check => run.stages.some(stage => stage.name === RUN_CHECK_STAGES[check] && stage.status === 'done')),
    perspective: run.perspective,
    favourite: run.favourite,
    output: run.output,
    input_text: run.input_text,
    rules: run.rules,
    input_images: inputImageViews(run),
    interception_text: run.interception_text,
    outputs: run.outputs.map(output => ({
      ...outputView(run, output),
      ...(output.type === 'code' ? { sketch_url: `/api/runs/${run.run_id}/sketch` } : {}),
    })),
    class_gallery: { suggested: Boolean(run.class_gallery?.suggested_at), published: Boolean(run.class_gallery?.published_at) },
    ...(run.blocked ? { blocked: run.blocked } : {}),
    // Never the reason: it names backends, hosts and what they answered.
    ...(run.error ? { error: { code: run.error.code, child_message: run.error.child_message, retryable: run.error.retryable } } : {}),
  }
}
