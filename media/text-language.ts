import type { Language } from '#shared/schemas/common'

/** The languages the built-in song and sketch writers write in; a Turkish or Ukrainian run gets English, as the built-in perspectives do. */
export type WritingLanguage = 'de' | 'en'
export const writingLanguage = (language: Language): WritingLanguage => (language === 'de' ? 'de' : 'en')
