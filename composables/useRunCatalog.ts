import type { Ref } from 'vue'
import type { MediaType } from '#shared/schemas/common'
import type { OutputChoice } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'
import type { RunStatusView } from '#shared/schemas/run'
import { RUN_MEDIA } from './media-viewers'

/** What a student picks: a medium with a viewer, or a song (audio made from lyrics and tags, with its music step). */
export type RunMedium = MediaType | 'music'

/** Which choice of this page an output makes; null for a medium without a viewer. */
const mediumOf = (output: Pick<OutputChoice, 'media_type' | 'music'>): RunMedium | null =>
  output.music ? 'music' : RUN_MEDIA.includes(output.media_type) ? output.media_type : null

/** The run's perspective (name, icon, colour) and the media the student may choose from. */
export function useRunCatalog(run: Ref<RunStatusView | null>) {
  const perspective = shallowRef<Perspective | null>(null)
  const outputs = shallowRef<OutputChoice[]>([])

  watch(() => run.value?.perspective, async (id) => {
    if (!id || perspective.value?.id === id) return
    perspective.value = await $fetch<Perspective>(`/api/perspectives/${encodeURIComponent(id)}`).catch(() => null)
  }, { immediate: true })

  watch(() => run.value?.status === 'awaiting_output' || run.value?.output, async (needed) => {
    if (!needed || outputs.value.length) return
    // A run of the student's pictures offers only outputs that take that many pictures.
    const pictures = run.value?.input_images?.length ?? 0
    outputs.value = await $fetch<OutputChoice[]>('/api/outputs', { query: pictures ? { pictures } : {} }).catch(() => [])
  }, { immediate: true })

  /** Every medium with an output (a song right after sound), the perspective's own medium first. */
  const media = computed<RunMedium[]>(() => {
    const choices = RUN_MEDIA.flatMap((medium): RunMedium[] => (medium === 'audio' ? ['audio', 'music'] : [medium]))
    const available = choices.filter(medium => outputs.value.some(output => mediumOf(output) === medium))
    const first = perspective.value?.default_output
    return [...available].sort((a, b) => Number(b === first) - Number(a === first))
  })

  /** What the run makes: from its output config, or from the media it already has. */
  const runMedium = computed<RunMedium>(() => {
    const config = outputs.value.find(output => output.id === run.value?.output)
    if (config) return mediumOf(config) ?? 'image'
    const made = run.value?.outputs[0]
    if (made?.type === 'audio' && made.lyrics) return 'music'
    const type = made?.type ?? run.value?.output
    return RUN_MEDIA.find(medium => medium === type) ?? 'image'
  })

  /** The outputs the session allows for a choice, its default first: the cards a student picks from. */
  const outputsFor = (medium: RunMedium | null) => outputs.value
    .filter(output => mediumOf(output) === medium)
    .sort((a, b) => Number(b.default) - Number(a.default))

  /**
   * The output a choice asks for: the student's pick among the medium's outputs, else a song is the
   * first music output and a medium names its type (the server picks its default).
   */
  const outputFor = (medium: RunMedium, picked?: string | null) => {
    if (picked && outputsFor(medium).some(output => output.id === picked)) return picked
    return medium === 'music' ? outputs.value.find(output => output.music)?.id ?? 'audio' : medium
  }

  return { perspective, media, runMedium, outputsFor, outputFor }
}
