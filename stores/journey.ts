import { defineStore, skipHydrate } from 'pinia'
import { useSessionStorage } from '@vueuse/core'
import type { StoredPicture } from '~/composables/pictures/upload-picture'

/**
 * Where the student is on the way from idea to result. Kept in sessionStorage so a reload, or an
 * iPad that dropped the tab, comes back with the idea still typed.
 */
export const useJourneyStore = defineStore('journey', () => {
  // skipHydrate: the server cannot see sessionStorage, so its empty state must not overwrite the stored one.
  const idea = skipHydrate(useSessionStorage('ai4a.idea', ''))
  const perspectiveId = skipHydrate(useSessionStorage<string | null>('ai4a.perspective', null))
  /** The student's rules: own ones for "Your Call!", or their version of another perspective's rules. */
  const rules = skipHydrate(useSessionStorage('ai4a.rules', ''))
  /** The student's pictures the server kept (upload ids), in the student's order; 1 transforms, 2–3 fuse. */
  const pictures = skipHydrate(useSessionStorage<StoredPicture[]>('ai4a.pictures', []))
  /** The perspective those rules belong to (null: written for "Your Call!" before rules could be changed). */
  const rulesFor = skipHydrate(useSessionStorage<string | null>('ai4a.rules-for', null))

  function chooseRules(perspective: string, text: string) {
    rules.value = text
    rulesFor.value = perspective
  }

  function choosePerspective(id: string) {
    perspectiveId.value = id
  }

  /** "Same idea, other perspective": keep the words, forget the perspective. */
  function keepIdeaChangePerspective() {
    perspectiveId.value = null
  }

  function startOver() {
    idea.value = ''
    rules.value = ''
    pictures.value = []
    rulesFor.value = null
    perspectiveId.value = null
  }

  return { idea, perspectiveId, rules, rulesFor, pictures, chooseRules, choosePerspective, keepIdeaChangePerspective, startOver }
})
