import type { Language } from '#shared/schemas/common'
import type { Perspective } from '#shared/schemas/perspective'
import { isBuiltinProviderId } from '#shared/schemas/providers'
import { LYRICS_MAX_CHARS, LYRICS_MAX_LINES } from '#shared/song-tags'
import type { InterceptionProvider } from '../../../server/utils/providers/types'
import type { WaitingReporter } from '../../../server/utils/providers/backends/backend-gate'
import { writeBuiltinLyrics } from './builtin-lyrics'
import { LYRICS_INSTRUCTION } from './lyrics-instruction'
import { writingLanguage } from '../../text-language'

export interface LyricsRequest {
  /** The perspective's (checked) text the song is about. */
  text: string
  idea: string
  perspective: Perspective
  language: Language
  seed: number
  signal?: AbortSignal
  onWaiting?: WaitingReporter
}

/** A model's answer as song lines: no blank lines, no more lines or characters than a child can sing. */
export function tidyLyrics(text: string): string {
  const lines = text.split(/\r?\n/).map(line => line.replace(/^[\s\-*•\d.)]+/, '').trim()).filter(line => /\p{L}/u.test(line))
  return lines.slice(0, LYRICS_MAX_LINES).join('\n').slice(0, LYRICS_MAX_CHARS)
}

/**
 * The perspective writes the song: the built-in writer cuts its text into lines with a refrain; a
 * language model gets the perspective's own instruction with the lyrics instruction as context.
 * The result is checked like every text before anyone sees or sings it (pre_output).
 */
export async function writeLyrics(interception: InterceptionProvider, request: LyricsRequest): Promise<string> {
  if (isBuiltinProviderId(interception.id)) return writeBuiltinLyrics(request.text, request.idea, request.language)
  const { text } = await interception.intercept({
    text: request.text, perspective: request.perspective, language: request.language, context: LYRICS_INSTRUCTION[writingLanguage(request.language)],
    seed: request.seed, signal: request.signal, onWaiting: request.onWaiting,
  })
  return tidyLyrics(text) || writeBuiltinLyrics(request.text, request.idea, request.language)
}
