import { expect, it } from 'vitest'
import { parseSettings } from '../../../../../server/utils/settings'

const base = { dataDir: '/data', contentDir: '', safetyLevel: 'youth', defaultLanguage: 'de', queueConcurrency: 2, runTimeoutSeconds: 300, maxRunAttempts: 2, shutdownTimeoutSeconds: 20 }

it('keeps NUXT_PUBLIC_URL without a trailing slash, empty when unset', () => {
  expect(parseSettings(base).publicUrl).toBe('')
  expect(parseSettings({ ...base, publicUrl: 'https://kunst.schule.de/' }).publicUrl).toBe('https://kunst.schule.de')
})

it('names NUXT_PUBLIC_URL when it is not an http(s) address', () => {
  expect(() => parseSettings({ ...base, publicUrl: 'kunst.schule.de' })).toThrow(/NUXT_PUBLIC_URL/)
  expect(() => parseSettings({ ...base, publicUrl: 'ftp://kunst.schule.de' })).toThrow(/NUXT_PUBLIC_URL/)
})
