import type { PerspectiveCard } from '#shared/schemas/perspective'
import { type ApiProblem, apiProblemOf } from '../utils/api-problem'
import { refusalKey } from '../utils/refusal-message'

export const IDEA_MAX_LENGTH = 2000

/** The i18n key of the message a child reads when the run could not be started. */
export function createRunProblemKey(problem: ApiProblem): string {
  if (problem.status === null) return 'idea.errors.offline'
  const refusal = refusalKey(problem)
  if (refusal) return refusal
  if (problem.status === 413) return 'idea.errors.too_long'
  if (problem.status === 400 && problem.field === 'input_text') return 'idea.errors.empty'
  // An upload that expired or is not this device's: the child chooses the picture again.
  if (problem.status !== null && problem.status < 500 && problem.field === 'input_images') return 'session.refused.picture_gone'
  if (problem.status === 400 && (problem.field === 'context' || problem.message.includes('"context"'))) return 'idea.errors.rules_missing'
  if (problem.status === 404) return 'idea.errors.perspective_gone'
  if (problem.status === 429 || problem.status === 503) return 'idea.errors.busy'
  return 'idea.errors.other'
}

/** "Verwandeln!": starts a run from the idea in the journey and opens its page; the text stays on failure. */
export function useCreateRun() {
  const journey = useJourneyStore()
  const { contentLanguage } = useLanguage()
  const busy = ref(false)
  const problemKey = ref<string | null>(null)

  watch([() => journey.idea, () => journey.pictures], () => { problemKey.value = null })

  /** `pictures`: upload ids, in the student's order; with pictures the words may stay empty. */
  async function createRun(perspective: PerspectiveCard, pictures: string[] = []) {
    if (busy.value || (!journey.idea.trim() && !pictures.length)) return
    busy.value = true
    problemKey.value = null
    try {
      const { run_id } = await $fetch<{ run_id: string }>('/api/runs', {
        method: 'POST',
        body: {
          perspective: perspective.id,
          input_text: journey.idea,
          ...(pictures.length ? { input_images: pictures } : {}),
          language: contentLanguage.value,
          ...(perspective.student_rules ? { context: journey.rules } : {}),
          // The student's version of the perspective's rules; the server keeps it only when it differs from the original.
          ...(!perspective.student_rules && journey.rulesFor === perspective.id && journey.rules.trim() ? { rules: journey.rules } : {}),
        },
      })
      await navigateTo(`/runs/${run_id}`)
    }
    catch (error) {
      problemKey.value = createRunProblemKey(apiProblemOf(error))
    }
    finally {
      busy.value = false
    }
  }

  return { createRun, busy, problemKey }
}
