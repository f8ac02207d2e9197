import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, isJoinCode, normaliseJoinCode } from '#shared/join-code'
import { type ApiProblem, apiProblemOf } from '../utils/api-problem'
import { refusalKey } from '../utils/refusal-message'

/** Adds typed or pasted text to a code: upper case, separators and look-alikes not in the alphabet dropped, at most 6. */
export function typeIntoJoinCode(code: string, typed: string): string {
  const accepted = [...normaliseJoinCode(typed)].filter(char => JOIN_CODE_ALPHABET.includes(char)).join('')
  return (code + accepted).slice(0, JOIN_CODE_LENGTH)
}

/** The i18n key of the message a child reads when joining failed. */
export function joinProblemKey(problem: ApiProblem): string {
  if (problem.status === null) return 'join.errors.offline'
  const refusal = refusalKey(problem)
  if (refusal) return refusal
  if (problem.status === 400) return 'join.errors.not_a_code'
  if (problem.status === 404) return 'join.errors.unknown_code'
  return 'join.errors.other'
}

/** The join page: the code being typed (on-screen keys, a hardware keyboard or paste) and joining. */
export function useJoin() {
  const code = ref('')
  const { contentLanguage: language } = useLanguage()
  const busy = ref<'code' | 'studio' | null>(null)
  /** What went wrong, and at which of the two ways in, so the message shows where the child tapped. */
  const problem = ref<{ key: string, kind: 'code' | 'studio' } | null>(null)
  const complete = computed(() => isJoinCode(code.value))

  watch(code, () => { problem.value = null })

  const type = (text: string) => { code.value = typeIntoJoinCode(code.value, text) }
  const deleteLast = () => { code.value = code.value.slice(0, -1) }

  async function join(kind: 'code' | 'studio') {
    if (busy.value || (kind === 'code' && !complete.value)) return
    busy.value = kind
    problem.value = null
    try {
      // The language picks the made-up name: "Blauer Otter 12" or "Blue Otter 12".
      await $fetch('/api/join', { method: 'POST', body: { ...(kind === 'code' ? { code: code.value } : {}), language: language.value } })
      await navigateTo('/perspectives')
    }
    catch (error) {
      problem.value = { key: joinProblemKey(apiProblemOf(error)), kind }
    }
    finally {
      busy.value = null
    }
  }

  // A hardware keyboard types anywhere on the page; keys pressed in a field or with a modifier keep their usual meaning.
  useEventListener('keydown', (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null
    if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, dialog')) return
    if (event.key === 'Backspace') { event.preventDefault(); deleteLast() }
    else if (event.key === 'Enter' && !target?.closest('button, a')) { event.preventDefault(); join('code') }
    else if (event.key.length === 1 && event.key !== ' ') type(event.key)
  })
  useEventListener('paste', (event: ClipboardEvent) => {
    if ((event.target as HTMLElement | null)?.closest('input, textarea')) return
    type(event.clipboardData?.getData('text') ?? '')
  })

  return { code, complete, busy, problem, type, deleteLast, joinWithCode: () => join('code'), joinStudio: () => join('studio') }
}
