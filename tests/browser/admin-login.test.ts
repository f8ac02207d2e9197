import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { accessibilityViolations, ipadContext, launchBrowser, openHydrated } from '../support/browser'
import { startServer, type TestServer } from '../support/server'

let browser: Browser
let server: TestServer

// Default Secure cookies: Chromium accepts them over http only because 127.0.0.1 counts as a secure origin.
beforeAll(async () => {
  browser = await launchBrowser()
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('leader sign-in on an iPad', () => {
  it('shows a wrong password, then signs in to the page asked for and signs out again', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url)
    const page = await context.newPage()
    await openHydrated(page, '/admin/login?next=/admin/runs')
    expect(await accessibilityViolations(page)).toEqual([])
    for (const testId of ['login-name', 'login-password', 'login-submit']) {
      const box = (await page.getByTestId(testId).boundingBox())!
      expect(box.height, testId).toBeGreaterThanOrEqual(48)
    }
    expect(await page.getByTestId('admin-sign-out').count()).toBe(0)

    await page.getByTestId('login-name').fill('admin')
    await page.getByTestId('login-password').fill('not-the-password')
    await page.getByTestId('login-submit').tap()
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('falsch')
    expect(await page.getByTestId('login-password').inputValue()).toBe('')

    await page.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD)
    await page.getByTestId('login-submit').tap()
    await page.waitForURL(url => url.pathname === '/admin/runs')
    const me = await page.evaluate(() => fetch('/api/admin/me').then(response => response.status))
    expect(me).toBe(200)

    // /admin/login carries the admin header, so it is a page that shows the sign-out button without other helpers' pages.
    await openHydrated(page, '/admin/login')
    await page.getByTestId('admin-sign-out').tap()
    await page.waitForURL(url => url.pathname === '/admin/login' && !url.search)
    await expect.poll(() => page.evaluate(() => fetch('/api/admin/me').then(response => response.status))).toBe(401)
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
