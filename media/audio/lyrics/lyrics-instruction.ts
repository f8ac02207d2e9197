import type { WritingLanguage } from '../../text-language'

/**
 * What a language model is asked, next to the perspective's own instruction, when the student
 * lets the perspective write the song: a few short lines a child can sing, nothing else.
 */
export const LYRICS_INSTRUCTION: Record<WritingLanguage, string> = {
  de: 'Schreibe aus der Idee, ganz im Stil dieser Perspektive, einen kurzen Liedtext: vier bis sechs kurze Zeilen, jede in einer eigenen Zeile, ohne Überschrift und ohne Erklärung. Freundlich und passend für Kinder.',
  en: 'From the idea, fully in the manner of this perspective, write short song lyrics: four to six short lines, each on its own line, with no title and no explanation. Friendly and suitable for children.',
}
