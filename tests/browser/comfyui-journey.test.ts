import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startFakeComfyui } from '../fakes/fake-comfyui'
import { artifactPath, ipadContext, launchBrowser, reachInterception, runStatus, startImage } from '../support/browser'
import { readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

// The fake ComfyUI pauses its sampler on command, so the page shows a place in line and then two
// different progress values for as long as the test looks, however slow this machine is.
const STEP_DELAY_MS = 20

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

afterEach(() => comfyui.resume())

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

    // Two prompts of another ComfyUI user are ahead of ours: one running (held), one waiting
    // (the page counts the waiting ones).
    comfyui.pause()
    comfyui.busyAhead(2)
    await startImage(page)

    const queue = page.getByTestId('queue-position')
    await expect.poll(async () => (await queue.isVisible()) && (await queue.textContent())!.trim(), { timeout: 20_000 }).toMatch(/^Noch\s1\sBild\svor\sdeinem$/)
    await page.screenshot({ path: artifactPath('comfyui-journey-01-queue.png'), animations: 'disabled' })

    comfyui.pauseOwnPromptAt(2)
    comfyui.resume()
    const progress = page.getByTestId('progress')
    const shown = async () => (await progress.isVisible()) ? Number(await progress.getAttribute('aria-valuenow')) : -1
    await expect.poll(shown, { timeout: 20_000 }).toBeGreaterThan(0)
    const first = await shown()
    await page.screenshot({ path: artifactPath('comfyui-journey-02-progress.png'), animations: 'disabled' })
    // The server writes progress at most every 500 ms: past that, the next step is written for sure.
    await new Promise(resolve => setTimeout(resolve, 600))
    comfyui.pauseOwnPromptAt(6)
    comfyui.resume()
    await expect.poll(shown, { timeout: 20_000 }).toBeGreaterThan(first)
    comfyui.resume()

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

  it('tells the child, in child words and with no retry, that the machine has a problem when a ComfyUI node breaks', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url, 'iPad Pro 11 landscape')
    const page = await context.newPage()
    await reachInterception(page, 'Ein grüner Baum im Wind')
    comfyui.failNextPrompt({ node_id: '3', exception_type: 'torch.OutOfMemoryError', exception_message: 'CUDA out of memory. Tried to allocate 2.00 GiB' })
    await startImage(page)

    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('failed')
    const message = (await page.getByTestId('failed-message').textContent())!
    expect(message).toMatch(/Die Maschine hat gerade ein Problem/)
    expect(message).not.toMatch(/127\.0\.0\.1|comfyui|KSampler|memory|beschäftigt/i)
    expect(await page.getByTestId('retry').count()).toBe(0)
    expect(await page.getByTestId('back-to-edit').isVisible()).toBe(true)
    await page.screenshot({ path: artifactPath('comfyui-journey-04-node-failed.png'), animations: 'disabled' })
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
