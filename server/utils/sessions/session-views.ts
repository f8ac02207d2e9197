import type { CourseSession } from '#shared/schemas/session'

/** What a student's device may know about its session: no join code, no limits' bookkeeping. */
export function publicSessionView(session: CourseSession) {
  return {
    id: session.id,
    name: session.name,
    open: session.open && !session.archived,
    perspectives: session.perspectives,
    outputs: session.outputs,
    /** Whether the idea step offers "take a photo or choose a picture". */
    picture_input: session.picture_input,
  }
}
export type PublicSessionView = ReturnType<typeof publicSessionView>
