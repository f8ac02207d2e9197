import type { Ref } from 'vue'
import type { RunStatusView } from '#shared/schemas/run'
import type { LocalizedText } from '#shared/schemas/common'
import { apiProblemOf } from '../utils/api-problem'
import { refusalKey } from '../utils/refusal-message'

export type RunAction = 'save' | 'generate' | 'cancel' | 'retry' | 'favourite' | 'rules'

/**
 * What the student can do with a run. Each action refreshes the status afterwards, so the page
 * follows the server (also after a 409: the run had already moved on). One action at a time,
 * so a double tap cannot start two generations.
 */
export function useRunActions(run: Ref<RunStatusView | null>, refresh: () => Promise<void>) {
  const busy = ref<RunAction | null>(null)
  const failed = ref<RunAction | null>(null)
  /** The child's sentence for a refusal by the session's rules (closed, limits); null for other failures. */
  const failedKey = ref<string | null>(null)
  /** The child's message the server gave with a refused text (rules or machine text that did not pass the check). */
  const failedMessage = ref<LocalizedText | null>(null)
  /** The text last saved by the student, to say "saved" right next to the button. */
  const savedText = ref<string | null>(null)
  const journey = useJourneyStore()

  // A plain string route keeps Nitro's typed-route inference out of these calls (it overflows on template URLs).
  const send = (path: string, method: 'PATCH' | 'POST' | 'PUT', body?: Record<string, unknown>) =>
    $fetch<unknown, string>(`/api/runs/${encodeURIComponent(run.value!.run_id)}${path}`, { method, body })

  async function act(action: RunAction, request: () => Promise<unknown>): Promise<boolean> {
    if (busy.value || !run.value) return false
    busy.value = action
    failed.value = null
    failedKey.value = null
    failedMessage.value = null
    let ok = true
    try {
      await request()
    }
    catch (error) {
      ok = false
      failed.value = action
      const problem = apiProblemOf(error)
      failedKey.value = refusalKey(problem) ?? (problem.status === 429 ? 'idea.errors.busy' : null)
      failedMessage.value = (error as { data?: { data?: { message?: LocalizedText } } }).data?.data?.message ?? null
    }
    await refresh()
    busy.value = null
    return ok
  }

  const patchText = (text: string) => send('/interception', 'PATCH', { text })

  const saveText = (text: string) => act('save', async () => {
    await patchText(text)
    savedText.value = text
  })

  /** Unsaved edits are saved first, so every version the student wrote is on the run. */
  const generate = (output: string, editedText?: string, song?: { lyrics: string, tags: string[] }, machineText?: string | null) => act('generate', async () => {
    if (editedText !== undefined && editedText !== run.value!.interception_text) await patchText(editedText)
    await send('/generate', 'POST', { output, ...song, ...(machineText ? { machine_text: machineText } : {}) })
  })

  /** "Same idea, changed rules": the idea is transformed again by the student's rules. */
  const changeRules = (rules: string) => act('rules', () => send('/rules', 'PATCH', { rules }))

  const retry = () => act('retry', () => send('/generate', 'POST', { output: run.value!.output }))
  const cancel = () => act('cancel', () => send('/cancel', 'POST'))
  const setFavourite = (favourite: boolean) => act('favourite', () => send('/favourite', 'PUT', { favourite }))

  /** Back to the idea page with this run's idea and perspective, to change the words. */
  function keepIdeaAndPerspective() {
    if (!run.value) return
    journey.idea = run.value.input_text
    journey.choosePerspective(run.value.perspective)
  }

  /** "Same idea, other perspective". */
  function keepIdeaOnly() {
    if (!run.value) return
    journey.idea = run.value.input_text
    journey.keepIdeaChangePerspective()
  }

  return { busy, failed, failedKey, failedMessage, changeRules, savedText, saveText, generate, retry, cancel, setFavourite, keepIdeaAndPerspective, keepIdeaOnly, startOver: journey.startOver }
}
