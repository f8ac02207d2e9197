import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { waitForRun } from '../support/api'
import { accessibilityViolations, artifactPath, launchBrowser, openHydrated } from '../support/browser'
import { createRun } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

let browser: Browser
let server: TestServer
let moonRun: string
let houseRun: string
let paintedRun: string

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })])
  moonRun = await createRun(server, { perspective: 'bauhaus', input_text: 'Eine Katze fliegt über den Mond' })
  houseRun = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Haus aus Musik' })
  paintedRun = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein gelber Kreis', output: 'image_builtin' })
  await Promise.all([waitForRun(server, moonRun), waitForRun(server, houseRun), waitForRun(server, paintedRun, run => run.status === 'completed', 60_000)])
}, 90_000)
afterAll(async () => { await browser?.close(); await server?.stop() })

describe('the course leader’s run browser against the real server', () => {
  it('signs in, finds a run by text, opens it, hides it with a reason and sees the audit entry', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: server.url })
    const page = await context.newPage()

    await openHydrated(page, '/admin/runs')
    await page.waitForURL(/\/admin\/login/)
    await page.getByTestId('login-name').fill('admin')
    await page.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.waitForURL(/\/admin\/runs/)
    await page.getByTestId(`run-row-${houseRun}`).waitFor()

    await page.getByTestId('runs-filter-q').fill('mond')
    await page.waitForURL(/q=mond/)
    await page.getByTestId(`run-row-${houseRun}`).waitFor({ state: 'detached' })
    await expect(page.locator(`[data-testid="run-row-${moonRun}"] mark`).first().textContent()).resolves.toBe('Mond')
    await page.screenshot({ path: artifactPath('admin-runs-real-1280x800.png'), fullPage: true })

    await page.getByTestId(`run-open-${moonRun}`).click()
    await page.getByTestId('run-stage-interception').waitFor()
    await expect(page.getByTestId('prompt-edit').count()).resolves.toBeGreaterThan(0)
    expect(await accessibilityViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('admin-run-detail-real-1280x800.png'), fullPage: true })

    await page.getByTestId('run-hide').click()
    await page.getByTestId('moderation-reason').fill('zeigt einen echten Namen')
    await page.getByTestId('moderation-confirm').click()
    await page.getByTestId('run-unhide').waitFor()
    await expect(page.getByTestId('audit-entry').first().textContent()).resolves.toContain('zeigt einen echten Namen')

    await page.getByTestId('admin-nav-settings').click()
    await page.getByTestId('audit-entry').first().waitFor()
    await expect(page.getByTestId('audit-entry').first().getAttribute('data-action')).resolves.toBe('run.hide')

    await page.getByTestId('leader-add-name').fill('lehrerin-2')
    await page.getByTestId('leader-add-password').fill('a-long-enough-secret')
    await page.getByTestId('leader-add-submit').click()
    await expect.poll(() => page.getByTestId('leader-row').allTextContents()).toContainEqual(expect.stringContaining('lehrerin-2'))
    await expect.poll(() => page.getByTestId('audit-entry').first().getAttribute('data-action')).toBe('leader.create')
    expect(await accessibilityViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('admin-settings-real-1280x800.png'), fullPage: true })
    await context.close()
  })

  it('shows a finished run to its class from the run page, and hiding takes it out again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: server.url })
    const page = await context.newPage()
    await openHydrated(page, `/admin/runs/${paintedRun}`)
    await page.waitForURL(/\/admin\/login/)
    await page.getByTestId('login-name').fill('admin')
    await page.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.waitForURL(new RegExp(`/admin/runs/${paintedRun}`))

    await page.getByTestId('run-publish').click()
    await page.getByTestId('run-published').waitFor()
    await page.getByTestId('run-unpublish').waitFor()
    const stored = await (await page.request.get(`/api/admin/runs/${paintedRun}`)).json()
    expect(stored.run.class_gallery.published_at).toEqual(expect.any(String))
    expect(await accessibilityViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('admin-run-published-1280x800.png') })

    await page.getByTestId('run-hide').click()
    await page.getByTestId('moderation-reason').fill('doch nicht für alle')
    await page.getByTestId('moderation-confirm').click()
    await page.getByTestId('run-unhide').waitFor()
    expect(await page.getByTestId('run-published').count()).toBe(0)
    expect(await page.getByTestId('run-publish').count()).toBe(0)
    await context.close()
  })
})
