import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactPath, ipadContext, launchBrowser, reachInterception, runStatus } from '../support/browser'
import { makeTempDir, startServer, type TestServer } from '../support/server'

/** The shipped built-in video, made small and short by the school's file of the same id. */
function smallVideoContent() {
  const dir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(dir, 'outputs'))
  writeFileSync(join(dir, 'outputs', 'video_builtin.json'), JSON.stringify({
    id: 'video_builtin', name: { de: 'Video', en: 'Video', tr: 'Video', uk: 'Відео' }, media_type: 'video', provider: 'builtin_video', default: true,
    parameters: { width: 256, height: 192, duration_s: 2, fps: 8 },
  }))
  return dir
}

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({ env: { NUXT_CONTENT_DIR: smallVideoContent() } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('a video on the iPad', () => {
  it('is offered, made, and plays inline with its poster and a download', async () => {
    const { context, foreignRequests } = await ipadContext(browser, server.url, 'iPad Pro 11')
    const page = await context.newPage()
    await reachInterception(page, 'Ein roter Drache fliegt über das Meer')
    await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('awaiting_output')
    await page.getByTestId('medium-video').tap()
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('completed')

    const video = page.getByTestId('result-video')
    const attributes = await video.evaluate((element: HTMLVideoElement) => ({
      src: element.getAttribute('src'), poster: element.getAttribute('poster'), inline: element.playsInline, controls: element.controls,
    }))
    expect(attributes).toMatchObject({ src: expect.stringMatching(/\/media\/output-video\.mp4$/), poster: expect.stringMatching(/\/media\/thumbnail-video\.webp$/), inline: true, controls: true })
    await expect.poll(() => page.getByTestId('download').getAttribute('download')).toMatch(/\.mp4$/)

    // Debian's Chromium may be built without the H.264 decoder that every iPad has: ask it, and
    // test playback where it can decode; where it cannot, that is said, not faked.
    const h264 = await page.evaluate(() => document.createElement('video').canPlayType('video/mp4; codecs="avc1.4D401E"'))
    if (h264 === '') {
      console.warn('[video-playback] this Chromium cannot decode H.264: checked the element, poster and download only')
      const poster = await page.request.get(attributes.poster!)
      expect([poster.status(), poster.headers()['content-type']]).toEqual([200, 'image/webp'])
    }
    else {
      await video.evaluate((element: HTMLVideoElement) => element.play())
      await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
      const started = await video.evaluate((element: HTMLVideoElement) => element.currentTime)
      await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 15_000 }).toBeGreaterThan(started)
      expect(await video.evaluate((element: HTMLVideoElement) => [element.videoWidth, element.videoHeight, element.error])).toEqual([256, 192, null])
    }
    await page.screenshot({ path: artifactPath('video-playback-ipad.png'), animations: 'disabled' })
    expect(foreignRequests).toEqual([])
    await context.close()
  })
})
