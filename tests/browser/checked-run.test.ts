import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { accessibilityViolations, artifactPath, reachInterception, runStatus } from '../support/browser'
import { useIpadPages } from '../support/ipad-pages'
import { makeTempDir } from '../support/server'

// A school's own perspective is framed by its name in every variant, and the school's list names
// it: the child's idea passes, the machine's text fails every time, deterministically.
const mirror = {
  id: 'zauberspiegel', name: { de: 'Zauberspiegel', en: 'Magic Mirror' }, description: { de: 'Alles erscheint im Spiegel.', en: 'Everything appears in the mirror.' },
  category: 'own', icon: '🪞', colour: '#c9e4f5', instruction: { de: 'Zeig die Idee im Spiegel.', en: 'Show the idea in a mirror.' },
  minimum_age: 0, default_output: 'image',
}


function serverOptions() {
  const content = makeTempDir()
  mkdirSync(join(content, 'perspectives'))
  mkdirSync(join(content, 'safety'))
  writeFileSync(join(content, 'perspectives', 'zauberspiegel.json'), JSON.stringify(mirror))
  writeFileSync(join(content, 'safety', 'mirror_words.json'), JSON.stringify({ id: 'mirror_words', reason_code: 'horror', levels: ['kids', 'youth'], terms: ['zauberspiegel', 'magic mirror'] }))
  return { env: { NUXT_CONTENT_DIR: content } }
}
const ipad = useIpadPages(serverOptions)
const { openPage } = ipad

const badges = (page: Page) => page.getByTestId('check-badges').locator('li').evaluateAll(items => items.map(item => item.getAttribute('data-check')))

describe('the child sees what was checked', () => {
  it('says a blocked transformation was the machine’s mistake and offers ways back', async () => {
    const page = await openPage()
    await reachInterception(page, 'Ein Hund spielt im Garten', 'zauberspiegel')
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('blocked')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Maschine/)
    expect(await page.getByTestId('blocked-message').textContent()).toMatch(/Maschine einen Fehler gemacht, nicht du/)
    expect(await page.textContent('body')).not.toMatch(/zauberspiegel“|gesehen durch/i)
    expect(await badges(page)).toEqual(['idea'])
    await page.screenshot({ path: artifactPath('machine-mistake-ipad.png'), animations: 'disabled' })
    expect(await accessibilityViolations(page)).toEqual([])

    await page.getByTestId('other-perspective').tap()
    await page.waitForURL('**/perspectives')
    await page.goBack()
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('blocked')
    await page.getByTestId('back-to-edit').tap()
    await page.waitForURL('**/idea')
    expect(await page.getByTestId('idea-input').inputValue()).toBe('Ein Hund spielt im Garten')
  })

  it('shows a badge for each check the run passed, in the child’s language', async () => {
    const page = await openPage()
    await reachInterception(page, 'Ein Hund spielt im Garten')
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('awaiting_output')
    expect(await badges(page)).toEqual(['idea', 'transformation'])
    expect(await page.getByTestId('check-badges').textContent()).toMatch(/Idee geprüft.*Verwandlung geprüft/)
    await page.screenshot({ path: artifactPath('check-badges-ipad.png'), animations: 'disabled' })
    expect(await accessibilityViolations(page)).toEqual([])
  })
})
