import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startFakeComfyui } from '../fakes/fake-comfyui'
import { artifactPath, ipadContext, launchBrowser, reachInterception, runStatus, startImage } from '../support/browser'
import { readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

// The shipped sd35_large output samples 25 steps; at 240 ms a step the page sees several progress
// updates (written at most every 500 ms) and, behind two other users' prompts, its place in line.
const STEP_DELAY_MS = 240

let comfyui: Awaited<ReturnType<typeof startFakeComfyui>>
let server: TestServer
let browser: Browser

beforeAll(async () => {
  comfyui = await startFakeComfyui({ steps: 8, stepDelayMs: STEP_DELAY_MS })
  server = await startServer({
    env: {
      NUXT_PROVIDERS: JSON.stringify({
        backends: [{ id: 'comfyui', type: 'comfyui', url: comfyui.url, concurrency: 1, timeout_s: 60 }],
        default_outputs: { image: 'sd35_large' },
      }),
    },
  })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await comfyui?.close()
})

describe('the student journey with ComfyUI as the image backend', () => {
  it('shows the real place in ComfyUI’s queue, then its step progress, then the picture ComfyUI made', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url, 'iPad Pro 11 landscape')
    const page = await context.newPage()
    await reachInterception(page, 'Ein rotes Haus am Meer')
    const runId = page.url().split('/runs/')[1]!.split(/[?#]/)[0]!

    // Two prompts of another ComfyUI user are ahead of ours: one running, one waiting.
    await comfyui.busyAhead(2)
    await startImage(page)

    const queue = page.getByTestId('queue-position')
    await expect.poll(() => queue.isVisible(), { timeout: 10_000 }).toBe(true)
    const queueText = (await queue.textContent())!.trim()
    expect(queueText).toMatch(/^Noch\s[12]\sBild(er)?\svor\sdeinem$|^Du\sbist\sals\sNächstes\sdran!$/)
    await page.screenshot({ path: artifactPath('comfyui-journey-01-queue.png'), animations: 'disabled' })

    const progress = page.getByTestId('progress')
    await expect.poll(() => progress.isVisible(), { timeout: 20_000 }).toBe(true)
    const first = Number(await progress.getAttribute('aria-valuenow'))
    await page.screenshot({ path: artifactPath('comfyui-journey-02-progress.png'), animations: 'disabled' })
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(first)

    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')
    const image = page.getByTestId('result-image')
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth), { timeout: 10_000 }).toBe(1024)
    await page.screenshot({ path: artifactPath('comfyui-journey-03-result.png'), animations: 'disabled' })

    // The picture came from ComfyUI: submitted with our client id, followed on /ws, copied via /view.
    const paths = comfyui.requests.map(request => `${request.method} ${request.path.split('?')[0]}`)
    expect(paths).toEqual(expect.arrayContaining(['WS /ws', 'POST /prompt', 'GET /view']))
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.output).toBe('sd35_large')
    expect(run.stages.find(stage => stage.name === 'generation')).toMatchObject({ status: 'done', provider: 'comfyui', model: 'sd3.5_large.safetensors' })
    expect(run.waiting_position).toBeNull()
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
