import { createError } from 'h3'
import { blockedMessage } from '#shared/blocked-messages'
import type { ReflectionView } from '#shared/class-gallery'
import { detectLanguage } from '#shared/detect-language'
import { reflectionQuestionsOf } from '#shared/reflection-questions'
import { isBuiltinProviderId } from '#shared/schemas/providers'
import { MAX_REFLECTION_ANSWERS, type ReflectionRequest, type RunMetadata } from '#shared/schemas/run'
import type { z } from 'zod'
import type { Catalog } from '../catalog/catalog'
import type { SafetyProvider } from '../providers/types'
import type { PersonalDataDetector } from '../safety/personal-data/personal-data-detector'
import type { RunStore } from '../storage/run-store'

/** The child's words and the reason for the page; the answer is not kept. */
const refused = (statusCode: number, reason: string, statusMessage: string, reasonCode: string) =>
  createError({ statusCode, statusMessage, data: { reason, message: blockedMessage(reasonCode) } })

/** The reflection card of a run: its perspective's questions and the answers given so far. */
export function reflectionView(catalog: Catalog, run: RunMetadata): ReflectionView {
  const perspective = catalog.perspective(run.perspective)
  return {
    perspective_name: perspective?.name ?? { de: run.perspective, en: run.perspective },
    questions: [...reflectionQuestionsOf(perspective)],
    answers: run.reflection,
  }
}

interface ReflectionDeps {
  runs: RunStore
  catalog: Catalog
  safety: SafetyProvider
  personalData: PersonalDataDetector
}

/**
 * Keeps one answer in the run, for research. Only after a result. Typed words are checked like
 * every text a child writes, by the text check of the run's level: a refusal keeps nothing and
 * says why in the child's words; a check that cannot run refuses (fails closed). Names or
 * addresses are refused when the check would send them out of the building.
 */
export async function saveReflection(deps: ReflectionDeps, run: RunMetadata, answer: z.infer<typeof ReflectionRequest>): Promise<RunMetadata> {
  if (run.status !== 'completed') throw createError({ statusCode: 409, statusMessage: `Questions come after a result; this run is ${run.status}` })
  const question = reflectionQuestionsOf(deps.catalog.perspective(run.perspective)).find(candidate => candidate.id === answer.question_id)
  if (!question) throw createError({ statusCode: 400, statusMessage: `question_id: there is no question "${answer.question_id}" for this run` })
  if (answer.chip !== undefined && !question.chips.some(chip => chip.id === answer.chip)) {
    throw createError({ statusCode: 400, statusMessage: `chip: the question "${question.id}" has no answer "${answer.chip}"` })
  }
  if (run.reflection.length >= MAX_REFLECTION_ANSWERS) throw createError({ statusCode: 409, statusMessage: `A run keeps at most ${MAX_REFLECTION_ANSWERS} answers` })
  const text = answer.text || null
  if (text) await checkWords(deps, run, text)
  return deps.runs.update(run.run_id, (latest) => {
    if (latest.reflection.length >= MAX_REFLECTION_ANSWERS) throw createError({ statusCode: 409, statusMessage: `A run keeps at most ${MAX_REFLECTION_ANSWERS} answers` })
    latest.reflection.push({ question_id: question.id, chip: answer.chip ?? null, text, answered_at: new Date().toISOString() })
  })
}

async function checkWords(deps: ReflectionDeps, run: RunMetadata, text: string) {
  const leavesBuilding = !isBuiltinProviderId(deps.safety.id)
  if (leavesBuilding && deps.personalData.find(text).spans.length > 0) {
    throw refused(422, 'reflection_blocked', 'The answer names a person or an address, and the text check runs outside', 'personal_data')
  }
  const verdict = await deps.safety.check({ text, level: run.safety_level, language: detectLanguage(text) ?? run.language }).catch((error: Error) => {
    console.warn(`[reflection] the text check of run ${run.run_id} could not run: ${error.message}`)
    throw refused(503, 'safety_unavailable', 'The text check could not run; nothing was kept', 'safety_unavailable')
  })
  if (!verdict.safe) throw refused(422, 'reflection_blocked', 'The answer did not pass the text check of the run\'s level', verdict.reason_code)
}
