import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { accessibilityViolations, artifactPath, openHydrated, IPADS, ipadContext, launchBrowser, slug } from '../support/browser'
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

const status = (page: Page) => page.getByTestId('run-status').getAttribute('data-status')

describe.each(IPADS)('the student journey on %s', (device) => {
  it('goes from joining to a picture in the gallery with touch taps only, and back to it', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url, device)
    const page = await context.newPage()
    let step = 0
    const a11y: string[] = []
    const shot = async (name: string) => {
      await page.screenshot({ path: artifactPath(`journey-${slug(device)}-${String(++step).padStart(2, '0')}-${name}.png`), animations: 'disabled' })
      a11y.push(...(await accessibilityViolations(page)).map(violation => `${name}: ${violation}`))
    }

    await openHydrated(page, '/')
    await shot('join')
    await page.getByTestId('join-studio').tap()

    await page.waitForURL('**/perspectives')
    await expect.poll(() => page.getByTestId('perspective-tile-bauhaus').isVisible()).toBe(true)
    await shot('perspectives')
    await page.getByTestId('perspective-tile-bauhaus').tap()
    await expect.poll(() => page.getByTestId('perspective-sheet').isVisible()).toBe(true)
    await shot('perspective-sheet')
    await page.getByTestId('perspective-choose').tap()

    await page.waitForURL('**/idea')
    await page.getByTestId('idea-input').fill('Ein rotes Haus am Meer')
    expect(await page.getByTestId('idea-counter').textContent()).toContain('22')
    await shot('idea')
    await page.getByTestId('idea-submit').tap()

    await page.waitForURL('**/runs/**')
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('awaiting_output')
    const interception = await page.getByTestId('interception-text').textContent()
    expect(interception).toContain('Haus')
    await shot('interception')
    await page.getByTestId('interception-edit').fill(`${interception!.trim()} Mit einem Leuchtturm.`)
    await page.getByTestId('interception-save').tap()
    await page.getByTestId('medium-image').tap()
    await shot('medium')
    await page.getByTestId('generate-start').tap()

    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('completed')
    const image = page.getByTestId('result-image')
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth), { timeout: 10_000 }).toBe(1024)
    expect(await image.getAttribute('alt')).toContain('Leuchtturm')
    await shot('result')
    await image.tap()
    await expect.poll(() => page.getByTestId('result-zoom').isVisible()).toBe(true)
    await shot('zoom')
    await page.getByTestId('result-zoom-close').tap()
    await page.getByTestId('favourite').tap()
    await expect.poll(() => page.getByTestId('favourite').getAttribute('aria-pressed')).toBe('true')
    const runUrl = page.url()

    await page.getByTestId('nav-gallery').tap()
    await page.waitForURL('**/gallery')
    const item = page.getByTestId('gallery-item').first()
    await expect.poll(() => item.isVisible()).toBe(true)
    expect(await page.getByTestId('gallery-item-favourite').count()).toBeGreaterThanOrEqual(1)
    await shot('gallery')
    await item.tap()
    await page.waitForURL(runUrl)
    await expect.poll(() => status(page)).toBe('completed')
    expect(await page.getByTestId('run-idea').textContent()).toContain('Ein rotes Haus am Meer')

    expect(a11y).toEqual([])
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
