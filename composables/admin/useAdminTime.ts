/** Dates and durations in the page's language, in the leader's own time zone. */
export function useAdminTime() {
  const { locale } = useI18n()
  const dateTime = computed(() => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'medium' }))
  const format = (iso: string | null | undefined) => (iso ? dateTime.value.format(new Date(iso)) : '—')
  const duration = (ms: number | null | undefined) => (ms == null ? '—' : ms < 1000 ? `${ms} ms` : `${new Intl.NumberFormat(locale.value, { maximumFractionDigits: 1 }).format(ms / 1000)} s`)
  return { format, duration }
}
