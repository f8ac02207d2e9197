import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { accessibilityViolations, artifactPath, launchBrowser, leaderPage, openHydrated } from '../support/browser'
import { freePort, startServer, type TestServer } from '../support/server'

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

it('a leader adds a backend that cannot be reached, sees it red with the reason, and never sees its key again', async () => {
  const { page, context, foreignRequests } = await leaderPage(browser, server.url, 'iPad (gen 7) landscape')
  const refusedUrl = `http://127.0.0.1:${await freePort()}`

  await openHydrated(page, '/admin/providers')
  await page.getByTestId('backend-id').fill('gpu')
  await page.getByTestId('backend-type').selectOption('ollama')
  await page.getByTestId('backend-url').fill(refusedUrl)
  await page.getByTestId('backend-api-key').fill('sk-browser-secret')
  await page.getByTestId('backend-save').click()

  const row = page.locator('[data-testid="provider-backend-row"][data-backend="gpu"]')
  await expect.poll(() => row.getByTestId('provider-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('unreachable')
  // Without the Ollama client in this build it says so; with it, the connection is refused.
  expect(await row.getByTestId('provider-error').textContent()).toMatch(/could not be reached: connection refused/)
  await page.screenshot({ path: artifactPath('admin-providers-ipad-landscape.png'), fullPage: true })

  expect(await page.getByTestId('backend-api-key').inputValue()).toBe('')
  expect(await page.getByTestId('backend-id').inputValue()).toBe('')
  await row.getByTestId('provider-edit').click()
  const key = page.getByTestId('backend-api-key')
  await expect.poll(() => key.getAttribute('placeholder')).toMatch(/gesetzt|set/)
  expect(await key.inputValue()).toBe('')
  expect(await page.content()).not.toContain('sk-browser-secret')

  await openHydrated(page, '/admin/providers')
  expect(await page.content()).not.toContain('sk-browser-secret')
  expect(await accessibilityViolations(page)).toEqual([])
  expect(foreignRequests).toEqual([])
  await context.close()
})

it('shows a save the server refuses as a sentence', async () => {
  const { page, context } = await leaderPage(browser, server.url, 'iPad (gen 7)')
  await openHydrated(page, '/admin/providers')
  await page.getByTestId('backend-id').fill('gpu')
  await page.getByTestId('backend-url').fill('http://127.0.0.1:9')
  await page.getByTestId('backend-save').click()
  await expect.poll(() => page.getByTestId('providers-problem').textContent()).toContain('"gpu" is used twice')
  await context.close()
})
