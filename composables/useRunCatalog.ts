import type { Ref } from 'vue'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'
import type { RunStatusView } from '#shared/schemas/run'

/** The media this page can show; a video output would need its own player first. A song is audio with lyrics and tags. */
export const RUN_MEDIA = ['image', 'audio', 'music', 'code'] as const
export type RunMedium = typeof RUN_MEDIA[number]

/** Which medium of this page an output makes. */
const mediumOf = (output: Pick<OutputConfig, 'media_type' | 'music'>): RunMedium | null =>
  output.music ? 'music' : (RUN_MEDIA as readonly string[]).includes(output.media_type) ? output.media_type as RunMedium : null

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
    const available = RUN_MEDIA.filter(medium => outputs.value.some(output => mediumOf(output) === medium))
    const first = perspective.value?.default_output
    return [...available].sort((a, b) => Number(b === first) - Number(a === first))
  })

  /** What the run makes: from its output config, or from the media it already has. */
  const runMedium = computed<RunMedium>(() => {
    const id = run.value?.output
    const config = outputs.value.find(output => output.id === id)
    if (config) return mediumOf(config) ?? 'image'
    const type = run.value?.outputs[0]?.type ?? id
    if (run.value?.lyrics) return 'music'
    return type === 'audio' || type === 'code' ? type : 'image'
  })

  /** The output a medium asks for: a song is the first music output; other media name their type and the server picks its default. */
  const outputFor = (medium: RunMedium) => (medium === 'music' ? outputs.value.find(output => output.music)?.id ?? 'audio' : medium)

  return { perspective, media, runMedium, outputFor }
}
