import { describe, expect, it } from 'vitest'
import type { Frame, Page } from 'playwright-core'
import { artifactPath, reachInterception, runStatus } from '../support/browser'
import { useIpadPages } from '../support/ipad-pages'


const ipad = useIpadPages()
const { openPage } = ipad

const LYRICS = 'Die Katze tanzt auf dem Dach\nsie singt für den Mond'

describe('music and code on the iPad', () => {
  it('makes a song from the student’s words and tags, and plays it with its lyrics', async () => {
    const page = await openPage()
    await reachInterception(page, 'Eine Katze tanzt auf dem Dach')
    await expect.poll(() => runStatus(page), { timeout: 20_000 }).toBe('awaiting_output')
    await page.getByTestId('medium-music').tap()
    for (const tag of ['folk', 'fast', 'flute']) await page.getByTestId(`tag-${tag}`).tap()
    // Big chips: at least 44 px to touch.
    const chip = (await page.getByTestId('tag-folk').boundingBox())!
    expect(Math.min(chip.width, chip.height)).toBeGreaterThanOrEqual(44)
    await page.getByTestId('lyrics-by-student').tap()
    await page.getByTestId('lyrics-input').fill(LYRICS)
    await page.screenshot({ path: artifactPath('music-step-ipad.png'), animations: 'disabled' })
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')

    // The song's player and lyrics load their code only once the result is there (composables/media-viewers.ts): wait for them as a child would.
    await expect.poll(() => page.getByTestId('song-lyrics').locator('p').allTextContents(), { timeout: 10_000 }).toEqual(LYRICS.split('\n'))
    const audio = page.getByTestId('result-audio')
    await audio.evaluate((element: HTMLAudioElement) => { element.muted = true; return element.play() })
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.2)
    expect(await audio.evaluate((element: HTMLAudioElement) => element.duration)).toBeCloseTo(20, 0)
    await page.screenshot({ path: artifactPath('song-result-ipad.png'), animations: 'disabled' })
  })

  it('runs the sketch in a sandbox that can read neither the page nor its cookies nor the network, and keeps the student’s edit', async () => {
    const page = await openPage()
    await reachInterception(page, 'Eine gelbe Sonne über einem roten Haus, eine Katze springt')
    await expect.poll(() => runStatus(page), { timeout: 20_000 }).toBe('awaiting_output')
    await page.getByTestId('medium-code').tap()
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')

    const iframe = page.getByTestId('sketch-frame')
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts')
    const sketchFrame = async (): Promise<Frame> => (await (await iframe.elementHandle())!.contentFrame())!
    await expect.poll(async () => (await sketchFrame()).locator('canvas').count(), { timeout: 15_000 }).toBe(1)
    // The sketch draws: its canvas's corner has the day background the generated code paints.
    const corner = async () => (await sketchFrame()).evaluate(() => [...document.querySelector('canvas')!.getContext('2d')!.getImageData(2, 2, 1, 1).data].slice(0, 3)).catch(() => null)
    await expect.poll(corner, { timeout: 15_000 }).toEqual([242, 239, 230])
    expect(await page.getByTestId('sketch-code').inputValue()).toContain('function draw()')
    await page.screenshot({ path: artifactPath('sketch-result-ipad.png'), animations: 'disabled' })

    // p5.js comes from this server, with a script type, never from a CDN (afterEach fails on any other host).
    const p5Url = /<script src="([^"]+)"/.exec((await iframe.getAttribute('srcdoc'))!)![1]!
    expect(p5Url).toMatch(new RegExp(`^${ipad.server.url}/vendor/p5@\\d+\\.\\d+\\.\\d+/p5\\.min\\.js$`))
    const p5 = await page.request.get(p5Url)
    expect([p5.status(), p5.headers()['content-type']]).toEqual([200, expect.stringMatching(/javascript/)])

    const probe = [
      '// Tries to reach out of its box',
      'var results = {}',
      'try { results.parent = parent.document.title } catch (error) { results.parent = "blocked " + error.name }',
      'try { results.cookie = document.cookie } catch (error) { results.cookie = "blocked " + error.name }',
      'fetch("/api/my/runs").then(function () { results.fetch = "allowed" }, function () { results.fetch = "blocked" })',
      'function setup() { createCanvas(200, 100) }',
      'function draw() { background(30, 120, 200); window.results = results }',
    ].join('\n')
    await page.getByTestId('sketch-code').fill(probe)
    await page.getByTestId('sketch-run').tap()
    const results = async () => (await sketchFrame()).evaluate(() => (window as unknown as { results?: Record<string, string> }).results ?? null).catch(() => null)
    await expect.poll(async () => (await results())?.fetch, { timeout: 15_000 }).toBe('blocked')
    expect(await results()).toEqual({ parent: 'blocked SecurityError', cookie: 'blocked SecurityError', fetch: 'blocked' })

    await page.getByTestId('sketch-save').tap()
    await expect.poll(() => page.getByTestId('sketch-save').textContent()).toMatch(/Gespeichert/)
    const runId = page.url().split('/').pop()!
    const saved = await page.request.get(`/api/runs/${runId}/sketch`)
    expect(await saved.json()).toEqual({ code: probe, edited: true })
  })
})
