// Without zod, so the idea step can import it without shipping the schemas on its first load.

/** At most this many of the student's pictures go into one run (one: transformation; two or three: fusion). */
export const MAX_INPUT_IMAGES = 3
