import type { ExportProgress } from '#shared/admin-views'

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const

/** Decimal units, as the Finder and Explorer show download sizes: 340 MB, 1.2 GB. */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) { value /= 1000; unit++ }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`
}

/** The numbers the progress line shows ("1,234 of 10,000 runs · 340 MB") and the bar's fraction. */
export function progressFigures(progress: Pick<ExportProgress, 'runs_done' | 'runs_total' | 'bytes'>, locale: string) {
  const count = new Intl.NumberFormat(locale)
  return {
    done: count.format(progress.runs_done),
    total: count.format(progress.runs_total),
    size: formatBytes(progress.bytes, locale),
    fraction: progress.runs_total > 0 ? Math.min(1, progress.runs_done / progress.runs_total) : 0,
  }
}
