import { loadLeaderMessages } from '~/plugins/i18n'

/** The leaders' pages bring their own words (locales/<lang>/admin*.json) before they render. */
export default defineNuxtRouteMiddleware(async (to) => {
  if (to.path === '/admin' || to.path.startsWith('/admin/')) await loadLeaderMessages(useNuxtApp().$i18n)
})
