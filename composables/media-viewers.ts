import { type Component, defineAsyncComponent } from 'vue'
import { MEDIA_TYPES, type MediaType } from '#shared/media-types'

const loaders = import.meta.glob<Component>('../media/*/Viewer.vue', { import: 'default' })

/** Each medium's result player (media/<type>/Viewer.vue), its code loaded only when a result of that medium is shown. */
export const MEDIUM_VIEWERS: Partial<Record<MediaType, Component>> = Object.fromEntries(
  Object.entries(loaders).map(([path, load]) => [path.split('/').at(-2)!, defineAsyncComponent(load)]),
)

/** The media a student page can show: every medium with a viewer. */
export const RUN_MEDIA: readonly MediaType[] = MEDIA_TYPES.filter(type => type in MEDIUM_VIEWERS)
