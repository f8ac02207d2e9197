import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { artifactPath, launchBrowser, leaderPage, openHydrated } from '../support/browser'
import { startServer, type TestServer } from '../support/server'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('admin session pages', () => {
  it('a leader creates a session, sees its code large, closes it, saves settings and opens the wall', async () => {
    const { page, context, foreignRequests } = await leaderPage(browser, server.url, 'iPad (gen 7) landscape')

    await openHydrated(page, '/admin')
    await page.getByTestId('session-create-name').fill('Klasse 4b')
    await page.getByTestId('session-create-submit').click()
    await page.waitForURL(/\/admin\/sessions\/[a-z0-9-]+$/)
    const sessionId = page.url().split('/').at(-1)!

    const code = page.getByTestId('session-join-code')
    await expect.poll(() => code.textContent()).toMatch(/^[A-HJ-KMNP-Z2-9]{6}$/)
    expect((await code.boundingBox())!.height).toBeGreaterThan(60)

    const toggle = page.getByTestId('session-open-toggle')
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false')
    const stored = await page.request.get(`/api/admin/sessions/${sessionId}`).then(response => response.json())
    expect(stored.session.open).toBe(false)

    await page.getByTestId('session-settings-name').fill('Klasse 4b — Dienstag')
    await page.getByTestId('session-settings-save').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Klasse 4b — Dienstag')
    await page.screenshot({ path: artifactPath('admin-session-real-ipad-landscape.png'), fullPage: true })

    // Pictures: allowed by default with faces blurred; the leader refuses faces, then forbids pictures.
    expect(await page.getByTestId('session-picture-input').isChecked()).toBe(true)
    expect(await page.getByTestId('session-faces-blur').isChecked()).toBe(true)
    await page.getByTestId('session-faces-refuse').check()
    await page.getByTestId('session-settings-save').click()
    await expect.poll(async () => (await page.request.get(`/api/admin/sessions/${sessionId}`).then(response => response.json())).session.faces).toBe('refuse')
    await page.getByTestId('session-picture-input').uncheck()
    expect(await page.getByTestId('session-faces-refuse').count()).toBe(0)
    await page.getByTestId('session-settings-save').click()
    await expect.poll(async () => (await page.request.get(`/api/admin/sessions/${sessionId}`).then(response => response.json())).session.picture_input).toBe(false)

    await page.getByTestId('session-wall-link').click()
    await page.waitForURL(`**/admin/sessions/${sessionId}/wall`)
    await expect.poll(() => page.locator('.wall__empty').count()).toBe(1)
    expect(await page.locator('.admin-header').count()).toBe(0)

    await openHydrated(page, '/admin')
    expect(await page.getByTestId(`session-row-${sessionId}`).count()).toBe(1)
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
