// Plain constants with no zod, so pages can use them without shipping the schema library.

/** The order in which the perspective categories are shown to students. */
export const PERSPECTIVE_CATEGORIES = ['art_history', 'media', 'language', 'attitude', 'play', 'own'] as const
export type PerspectiveCategory = typeof PERSPECTIVE_CATEGORIES[number]
