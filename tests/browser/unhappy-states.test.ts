import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, devices, type Page } from 'playwright-core'
import { api, ensureJoined } from '../support/api'
import { accessibilityViolations, artifactPath, ipadContext, launchBrowser, reachInterception, runStatus, startImage } from '../support/browser'
import { startHeldImages } from '../support/held-images'
import { startServer, type TestServer } from '../support/server'

let browser: Browser
const cleanups: (() => Promise<unknown>)[] = []
/** Requests any page of these tests made to a host other than the app; must stay empty. */
let foreign: string[][] = []

beforeAll(async () => { browser = await launchBrowser() })
afterAll(() => browser?.close())
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
  const requests = foreign.flat()
  foreign = []
  expect(requests).toEqual([])
})

/** An image backend whose pictures wait until the test releases them (never, unless it does). */
async function heldImages() {
  const images = await startHeldImages()
  cleanups.push(() => images.close())
  return images
}

async function serverFor(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options)
  cleanups.push(() => server.stop())
  return server
}

async function openPage(server: TestServer): Promise<{ page: Page, context: BrowserContext, foreignRequests: string[] }> {
  const { context, foreignRequests } = await ipadContext(browser, server.url)
  foreign.push(foreignRequests)
  cleanups.push(() => context.close())
  return { page: await context.newPage(), context, foreignRequests }
}

describe('when things go wrong on the iPad', () => {
  it('explains a blocked idea kindly and leads back to editing with the idea kept', async () => {
    const server = await serverFor()
    const { page } = await openPage(server)
    await reachInterception(page, 'Ich will jemanden töten')
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('blocked')
    const message = await page.getByTestId('blocked-message').textContent()
    expect(message!.length).toBeGreaterThan(10)
    expect(message).not.toMatch(/violence|reason|input_safety/i)
    await page.screenshot({ path: artifactPath('unhappy-blocked.png'), animations: 'disabled' })
    expect(await accessibilityViolations(page)).toEqual([])
    await page.getByTestId('back-to-edit').tap()
    await page.waitForURL('**/idea')
    expect(await page.getByTestId('idea-input').inputValue()).toBe('Ich will jemanden töten')
  })

  it('gets a child to the perspectives even when the page script has not arrived yet', async () => {
    const server = await serverFor()
    const context = await browser.newContext({ ...devices['iPad (gen 7)'], baseURL: server.url, javaScriptEnabled: false })
    cleanups.push(() => context.close())
    const page = await context.newPage()
    await page.goto('/')
    await page.getByTestId('join-studio').tap()
    await page.waitForURL('**/perspectives')
    expect(await page.getByTestId('perspective-tile-bauhaus').isVisible()).toBe(true)
  })

  it('says the machine is busy when the provider fails, and offers a retry that really runs again', async () => {
    // The failure comes on command: the image backend answers 503 ("overloaded") until told otherwise.
    const images = await heldImages()
    images.release()
    images.backend.failNext(1000, 503)
    const server = await serverFor({ env: images.env })
    const { page } = await openPage(server)
    await reachInterception(page, 'Ein Schiff im Sturm')
    await startImage(page)
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('failed')
    expect(await page.getByTestId('failed-message').textContent()).toMatch(/beschäftigt|busy/i)
    await page.screenshot({ path: artifactPath('unhappy-failed.png'), animations: 'disabled' })
    expect(await accessibilityViolations(page)).toEqual([])
    // The backend works again: the retry runs the generation once more and the picture arrives.
    images.backend.failNext(0, 503)
    const generations = () => images.backend.requests.filter(request => request.path.endsWith('/images/generations')).length
    const before = generations()
    await page.getByTestId('retry').tap()
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')
    expect(generations()).toBeGreaterThan(before)
  })

  it('shows the connection is lost while polls fail and recovers by itself when they work again', async () => {
    const server = await serverFor()
    const { page } = await openPage(server)
    await reachInterception(page, 'Ein Vogel auf dem Dach')
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('awaiting_output')
    await page.getByTestId('medium-image').tap()
    await page.route('**/api/runs/*', route => route.abort('internetdisconnected'))
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => page.getByTestId('connection-lost').isVisible(), { timeout: 15_000 }).toBe(true)
    await page.screenshot({ path: artifactPath('unhappy-connection-lost.png'), animations: 'disabled' })
    expect(await accessibilityViolations(page)).toEqual([])
    await page.unroute('**/api/runs/*')
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')
    expect(await page.getByTestId('connection-lost').isVisible()).toBe(false)
  })

  it('carries on by itself when the server is restarted in the middle of the run', async () => {
    const images = await heldImages()
    const first = await startServer({ env: images.env })
    cleanups.push(() => first.stop())
    const { page } = await openPage(first)
    await reachInterception(page, 'Eine Burg in den Wolken')
    await startImage(page)
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('running')
    await expect.poll(() => images.held, { timeout: 15_000 }).toBe(1)
    await first.kill()
    images.release()
    const second = await serverFor({ dataDir: first.dataDir, port: first.port, env: images.env })
    expect(second.url).toBe(first.url)
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('completed')
    await page.screenshot({ path: artifactPath('unhappy-server-restarted.png'), animations: 'disabled' })
  })

  it('cancels a run that is waiting in the queue', async () => {
    const images = await heldImages()
    const server = await serverFor({ env: { ...images.env, NUXT_QUEUE_CONCURRENCY: '1' } })
    const { page } = await openPage(server)
    await reachInterception(page, 'Ein Zug im Schnee')
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('awaiting_output')
    // Someone else's picture, held back, keeps the only worker busy, so ours has to wait.
    await ensureJoined(server)
    await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'Ein Berg', output: 'image' } })
    await expect.poll(() => images.held, { timeout: 15_000 }).toBe(1)
    await page.getByTestId('medium-image').tap()
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => page.getByTestId('queue-position').isVisible(), { timeout: 15_000 }).toBe(true)
    await page.screenshot({ path: artifactPath('unhappy-queued.png'), animations: 'disabled' })
    expect(await accessibilityViolations(page)).toEqual([])
    await page.getByTestId('cancel-run').tap()
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('cancelled')
    expect(await page.getByTestId('cancelled-message').isVisible()).toBe(true)
    await page.screenshot({ path: artifactPath('unhappy-cancelled.png'), animations: 'disabled' })
    expect(await accessibilityViolations(page)).toEqual([])
  })
})
