import type { Ref } from 'vue'
import type { MediaType } from '#shared/schemas/common'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'
import type { RunStatusView } from '#shared/schemas/run'
import { RUN_MEDIA } from './media-viewers'

export type RunMedium = MediaType

/** The run's perspective (name, icon, colour) and the media the student may choose from. */
export function useRunCatalog(run: Ref<RunStatusView | null>) {
  const perspective = shallowRef<Perspective | null>(null)
  const outputs = shallowRef<OutputConfig[]>([])

  watch(() => run.value?.perspective, async (id) => {
    if (!id || perspective.value?.id === id) return
    perspective.value = await $fetch<Perspective>(`/api/perspectives/${encodeURIComponent(id)}`).catch(() => null)
  }, { immediate: true })

  watch(() => run.value?.status === 'awaiting_output' || run.value?.output, async (needed) => {
    if (!needed || outputs.value.length) return
    outputs.value = await $fetch<OutputConfig[]>('/api/outputs').catch(() => [])
  }, { immediate: true })

  /** Every medium with an output, the perspective's own medium first. */
  const media = computed<RunMedium[]>(() => {
    const available = RUN_MEDIA.filter(medium => outputs.value.some(output => output.media_type === medium))
    const first = perspective.value?.default_output
    return [...available].sort((a, b) => Number(b === first) - Number(a === first))
  })

  /** What the run makes: from its output config, or from the media it already has. */
  const runMedium = computed<RunMedium>(() => {
    const id = run.value?.output
    const type = run.value?.outputs[0]?.type ?? outputs.value.find(output => output.id === id)?.media_type ?? id
    return RUN_MEDIA.find(medium => medium === type) ?? 'image'
  })

  return { perspective, media, runMedium }
}
