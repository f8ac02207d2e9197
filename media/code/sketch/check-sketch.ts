import type { Language, SafetyLevel } from '#shared/schemas/common'
import type { SafetyProvider, SafetyVerdict } from '../../../server/utils/providers/types'
import { sketchWords } from './sketch-text'

/**
 * A sketch checked like every text a child reads: its comments and strings (sketch-text.ts) go
 * through the text check of the run's level; the code around them is not prose and is left out.
 */
export async function checkSketch(safety: SafetyProvider, code: string, run: { safety_level: SafetyLevel, language: Language }, signal?: AbortSignal): Promise<SafetyVerdict> {
  const words = sketchWords(code)
  if (!words.trim()) return { safe: true }
  return safety.check({ text: words, level: run.safety_level, language: run.language, signal })
}
