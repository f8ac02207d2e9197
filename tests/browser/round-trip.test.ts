import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { artifactPath, ipadContext, launchBrowser } from '../support/browser'
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

describe('the round-trip page on an iPad', () => {
  it('turns an idea into an interception and a picture, with no request to another host', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url)
    const page = await context.newPage()
    await page.goto('/')
    await page.selectOption('select[name=perspective]', 'bauhaus')
    await page.locator('textarea[name=idea]').fill('Ein rotes Haus am Meer')
    await page.getByRole('button', { name: 'Los!' }).tap()
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toBe('completed')
    expect(await page.getByTestId('interception').textContent()).not.toBe('')
    const image = page.getByTestId('output-image')
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth), { timeout: 10_000 }).toBe(1024)
    await page.screenshot({ path: artifactPath('round-trip-ipad.png'), fullPage: true })
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
