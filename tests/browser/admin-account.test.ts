import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device } from '../support/api'
import { accessibilityViolations, artifactPath, launchBrowser, leaderPage, openHydrated } from '../support/browser'
import { startServer, type TestServer } from '../support/server'

let browser: Browser
let server: TestServer

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const signedIn = async (device: Device) => (await api(server, '/api/admin/me', { device })).status === 200

describe('my account and the leaders in Settings, on an iPad', () => {
  it('changes the password, removes a leader and signs out everywhere, each ending the right sign-ins', async () => {
    const { page, context, foreignRequests } = await leaderPage(browser, server.url, 'iPad (gen 7) landscape')
    const admin = new Device()
    expect((await api(server, '/api/admin/login', { body: { name: 'admin', password: TEST_ADMIN_PASSWORD }, device: admin })).status).toBe(200)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'maria', password: 'long-password-1' }, device: admin })).status).toBe(201)
    const maria = new Device()
    expect((await api(server, '/api/admin/login', { body: { name: 'maria', password: 'long-password-1' }, device: maria })).status).toBe(200)

    await openHydrated(page, '/admin/settings')
    expect(await accessibilityViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('admin-settings-account-ipad-landscape.png'), fullPage: true })

    await page.getByTestId('password-current').fill(TEST_ADMIN_PASSWORD)
    await page.getByTestId('password-new').fill('a-brand-new-password')
    await page.getByTestId('password-submit').tap()
    await expect.poll(() => page.getByTestId('password-changed').isVisible()).toBe(true)
    // The other device of admin is signed out, this page stays signed in.
    expect(await signedIn(admin)).toBe(false)

    await page.getByTestId('leader-remove-maria').tap()
    await page.locator('dialog[open]').getByTestId('moderation-confirm').tap()
    await expect.poll(() => page.getByTestId('leader-row').count()).toBe(1)
    expect(await signedIn(maria)).toBe(false)

    await page.getByTestId('sign-out-everywhere').tap()
    await page.locator('dialog[open]').getByTestId('moderation-confirm').tap()
    await page.waitForURL(url => url.pathname === '/admin/login')
    await expect.poll(() => page.evaluate(() => fetch('/api/admin/me').then(response => response.status))).toBe(401)
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
