import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { isFinalStatus } from '#shared/run-status'
import type { RunStatusView } from '#shared/schemas/run'
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

describe('the first steps of the journey on an iPad', () => {
  it('joins the open studio, takes a perspective and starts a run from the idea, with no request to another host', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByTestId('join-studio').tap()
    await page.waitForURL('**/perspectives')
    await page.getByTestId('perspective-tile-bauhaus').tap()
    await page.getByTestId('perspective-choose').tap()
    await page.waitForURL('**/idea')
    await page.getByTestId('idea-input').fill('Ein rotes Haus am Meer')
    expect(await page.getByTestId('idea-counter').textContent()).toContain('22 / 2000')
    await page.screenshot({ path: artifactPath('idea-ipad.png') })
    await page.getByTestId('idea-submit').tap()
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/)
    const runId = page.url().split('/').at(-1)!
    const poll = () => page.request.get(`/api/runs/${runId}`).then(response => response.json() as Promise<RunStatusView>)
    await expect.poll(async () => (await poll()).status, { timeout: 20_000 }).toBe('awaiting_output')
    const run = await poll()
    expect(run).toMatchObject({ perspective: 'bauhaus', input_text: 'Ein rotes Haus am Meer' })
    expect(isFinalStatus(run.status)).toBe(false)
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
