import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { accessibilityViolations, artifactPath, ipadContext, launchBrowser, openHydrated, runStatus } from '../support/browser'
import { startServer, type TestServer } from '../support/server'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const LANGUAGES = [
  { code: 'tr', button: 'Türkçe', welcome: 'Atölyeye hoş geldin!', choose: 'Bir bakış açısı seç', bauhaus: 'Bauhaus', example: 'Kaydıraklı bir ağaç ev.', idea: 'Bir ejderha ormanda uçuyor', note: 'İngilizceye çevirdi' },
  { code: 'uk', button: 'Українська', welcome: 'Ласкаво просимо до студії!', choose: 'Вибери перспективу', bauhaus: 'Баугауз', example: 'Будиночок на дереві з гіркою.', idea: 'Дракон літає над лісом', note: 'переклала твою ідею англійською' },
] as const

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang)

// Five pages with an accessibility check each: more than the default minute on a busy shared machine.
describe.each(LANGUAGES)('the student interface in $button on an iPad', (language) => {
  it('switches from the header, says everything in that language, and stays switched', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url)
    const page = await context.newPage()
    let step = 0
    const a11y: string[] = []
    const shot = async (name: string) => {
      await page.screenshot({ path: artifactPath(`language-${language.code}-${String(++step).padStart(2, '0')}-${name}.png`), animations: 'disabled' })
      a11y.push(...(await accessibilityViolations(page)).map(violation => `${name}: ${violation}`))
    }

    await openHydrated(page, '/')
    expect(await htmlLang(page)).toBe('de')
    await expect.poll(() => page.getByRole('button', { name: language.button }).isVisible()).toBe(true)
    await page.getByTestId(`language-${language.code}`).tap()
    await expect.poll(() => htmlLang(page)).toBe(language.code)
    await expect.poll(() => page.getByText(language.welcome).isVisible()).toBe(true)
    expect(await page.getByTestId(`language-${language.code}`).getAttribute('aria-pressed')).toBe('true')
    await shot('join')

    await page.getByTestId('join-studio').tap()
    await page.waitForURL('**/perspectives')
    await expect.poll(() => page.getByText(language.choose).isVisible()).toBe(true)
    await expect.poll(() => page.getByTestId('perspective-tile-bauhaus').textContent()).toContain(language.bauhaus)
    await shot('perspectives')
    await page.getByTestId('perspective-tile-bauhaus').tap()
    await expect.poll(() => page.getByTestId('perspective-sheet').textContent()).toContain(language.example)
    await shot('perspective-sheet')
    await page.getByTestId('perspective-choose').tap()

    await page.waitForURL('**/idea')
    await page.getByTestId('idea-input').fill(language.idea)
    await shot('idea')
    await page.getByTestId('idea-submit').tap()
    await page.waitForURL('**/runs/**')
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('awaiting_output')
    expect(await page.getByTestId('interception-text').textContent()).toMatch(/dragon/i)
    expect(await page.getByTestId('rules-in-english').textContent()).toContain(language.note)
    await shot('interception')

    // The choice is remembered: a reload renders the page in that language from the server on.
    await page.reload()
    expect(await htmlLang(page)).toBe(language.code)
    await expect.poll(() => page.getByTestId('interception-text').isVisible()).toBe(true)

    expect(a11y).toEqual([])
    expect(foreignRequests).toEqual([])
    await context.close()
  }, 180_000)
})
