// The media a run can make, as a plain list: pages import it from here, so their first load ships
// no zod (shared/schemas/common.ts builds the MediaType enum from it for the server).

/** Each has its folder under media/ (server.ts, Viewer.vue). */
export const MEDIA_TYPES = ['image', 'audio', 'video', 'code', 'model'] as const
export type MediaType = typeof MEDIA_TYPES[number]
