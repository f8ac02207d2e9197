import { realpathSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { accessibilityViolations, artifactPath, launchBrowser, leaderPage, openHydrated } from '../support/browser'
import { freePort, startServer, type TestServer } from '../support/server'
import { healthDetails } from '../support/api'

let a: TestServer
let b: TestServer
let browser: Browser

beforeAll(async () => {
  const portA = await freePort()
  const urlA = `http://127.0.0.1:${portA}`
  const env = { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }
  a = await startServer({ port: portA, env: { ...env, NUXT_PUBLIC_URL: urlA } })
  // B stores in its own folder but believes users reach it at A's address: the old bug. Its disk
  // floor lies above any disk's free space, so its disk guard refuses new runs.
  b = await startServer({ env: { ...env, NUXT_PUBLIC_URL: urlA, NUXT_MIN_FREE_DISK_MB: '1000000000' } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([a?.stop(), b?.stop()])
})

it('a leader on the development server sees a red banner on every admin page naming both data dirs', async () => {
  // B asks the public address 5 s after start.
  await expect.poll(async () => (await healthDetails(b)).storage_conflict, { timeout: 10_000 }).toBe(true)
  const { page, context, foreignRequests } = await leaderPage(browser, b.url, 'iPad (gen 7) landscape')

  await openHydrated(page, '/admin/runs')
  const banner = page.getByTestId('storage-conflict-banner')
  await banner.waitFor({ timeout: 10_000 })
  expect(await banner.getAttribute('role')).toBe('alert')
  const text = await banner.textContent()
  expect(text).toContain(realpathSync(a.dataDir))
  expect(text).toContain(realpathSync(b.dataDir))
  expect(await banner.evaluate(element => getComputedStyle(element).backgroundColor)).toBe('rgb(180, 35, 24)')

  await banner.getByRole('link').click()
  await page.waitForURL('**/admin/instances')
  await page.getByTestId('instance-row').first().waitFor()
  expect(await page.getByTestId('instance-row').count()).toBe(1)
  expect(await page.getByTestId('public-url-check').textContent()).toContain(a.url)
  await banner.waitFor()
  await page.screenshot({ path: artifactPath('admin-instances-conflict-ipad-landscape.png'), fullPage: true })
  expect(await accessibilityViolations(page)).toEqual([])
  expect(foreignRequests).toEqual([])
  await context.close()
})

it('shows no banner on the production server, whose public address is itself', async () => {
  const { page, context } = await leaderPage(browser, a.url, 'iPad (gen 7)')
  await openHydrated(page, '/admin/instances')
  await page.getByTestId('instances-ok').waitFor()
  expect(await page.getByTestId('storage-conflict-banner').count()).toBe(0)
  await page.screenshot({ path: artifactPath('admin-instances-ipad.png'), fullPage: true })
  expect(await accessibilityViolations(page)).toEqual([])
  await context.close()
})

it('shows the data dir’s free space and the floor, and says so in red when new runs are refused', async () => {
  const { page, context } = await leaderPage(browser, a.url, 'iPad (gen 7)')
  await openHydrated(page, '/admin/instances')
  const disk = page.getByTestId('disk-use')
  await disk.waitFor()
  expect(await disk.textContent()).toMatch(/GB frei von .* GB in /)
  expect(await page.getByTestId('disk-below-floor').count()).toBe(0)
  await context.close()

  const onB = await leaderPage(browser, b.url, 'iPad (gen 7)')
  await openHydrated(onB.page, '/admin/instances')
  const alarm = onB.page.getByTestId('disk-below-floor')
  await alarm.waitFor()
  expect(await alarm.textContent()).toMatch(/neue Läufe werden abgelehnt/)
  await onB.page.getByTestId('disk-use').screenshot({ path: artifactPath('admin-instances-disk-below-floor-ipad.png') })
  expect(await accessibilityViolations(onB.page)).toEqual([])
  await onB.context.close()
})
