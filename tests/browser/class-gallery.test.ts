import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, waitForRun } from '../support/api'
import { accessibilityViolations, artifactPath, ipadContext, IPADS, launchBrowser, leaderPage, openHydrated, slug } from '../support/browser'
import { readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

/**
 * The class learns together, tapped on iPads: the student suggests a result and answers the
 * reflection questions, the leader shows it to the class from the session page, classmates open it
 * in their class gallery; a student of another session does not see it; the wall still works.
 */
let server: TestServer
let browser: Browser
let sessionPath: string
let runId: string
const owner = new Device()
const classmate = new Device()
const otherClass = new Device()
const contexts: BrowserContext[] = []

/** An iPad holding the participant cookie of a device that joined over the API. */
async function studentPage(device: Device, descriptor: (typeof IPADS)[number] = 'iPad (gen 7)'): Promise<Page> {
  const { context } = await ipadContext(browser, server.url, descriptor)
  contexts.push(context)
  await context.addCookies([...device.cookies].map(([name, value]) => ({ name, value, url: server.url })))
  return context.newPage()
}

const screenshotAndAxe = async (page: Page, name: string) => {
  await page.screenshot({ path: artifactPath(`class-gallery-${name}.png`), animations: 'disabled', fullPage: true })
  return (await accessibilityViolations(page)).map(violation => `${name}: ${violation}`)
}

const minimumSide = async (page: Page, selector: string) => page.locator(selector).evaluateAll(elements =>
  Math.min(...elements.map((element) => { const box = element.getBoundingClientRect(); return Math.min(box.width, box.height) })))

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  browser = await launchBrowser()
  const leader = await signInAsLeader(server)
  const session = async (name: string) => (await api(server, '/api/admin/sessions', { body: { name, safety_level: 'kids', limits: { runs_per_hour: null, runs_in_progress: null } }, device: leader })).body
  const [a, b] = [await session('Klasse 3a'), await session('Klasse 3b')]
  sessionPath = `/admin/sessions/${a.id}`
  for (const [device, code] of [[owner, a.join_code], [classmate, a.join_code], [otherClass, b.join_code]] as const) {
    expect((await api(server, '/api/join', { body: { code }, device })).status).toBe(200)
  }
  const created = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'Ein Leuchtturm aus Glas', output: 'image_builtin' }, device: owner })
  runId = created.body.run_id
  expect((await waitForRun(server, runId, run => run.status === 'completed', 30_000, owner)).status).toBe('completed')
}, 60_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('the class gallery on iPads', () => {
  it('the student suggests the result and answers the reflection with a chip and own words', async () => {
    const page = await studentPage(owner)
    await openHydrated(page, `/runs/${runId}`)
    await page.getByTestId('suggest-class-gallery').tap()
    await expect.poll(() => page.getByTestId('class-gallery-suggested').isVisible()).toBe(true)

    const card = page.getByTestId('reflection')
    await expect.poll(() => card.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await card.textContent()).toContain('Was haben die Regeln von Bauhaus an deiner Idee verändert?')
    expect(await minimumSide(page, '.reflection__chip')).toBeGreaterThanOrEqual(44)
    await page.getByTestId('chip-as_imagined-surprise').tap()
    await expect.poll(() => page.getByTestId('reflection-saved-as_imagined').isVisible()).toBe(true)
    expect(await page.getByTestId('chip-as_imagined-surprise').getAttribute('aria-pressed')).toBe('true')
    await page.getByTestId('reflection-text-change_next').fill('Ich würde die Farben wilder machen')
    await page.getByTestId('reflection-save-change_next').tap()
    await expect.poll(() => page.getByTestId('reflection-saved-change_next').isVisible()).toBe(true)
    // Words the kids' check refuses get the child's sentence, and are not kept.
    await page.getByTestId('reflection-text-rules_changed').fill('Ich will jemanden töten')
    await page.getByTestId('reflection-save-rules_changed').tap()
    const problem = page.getByTestId('reflection-problem-rules_changed')
    await expect.poll(() => problem.isVisible()).toBe(true)
    expect(await problem.textContent()).toMatch(/ohne Kampf/)

    expect(readRunMetadata(server.dataDir, runId).reflection.map(({ question_id, chip, text }) => [question_id, chip, text])).toEqual([
      ['as_imagined', 'surprise', null],
      ['change_next', null, 'Ich würde die Farben wilder machen'],
    ])
    expect(await screenshotAndAxe(page, 'result-reflection')).toEqual([])
  }, 60_000)

  it('the leader sees the suggestion on the session page and shows it to the class', async () => {
    const { page, context } = await leaderPage(browser, server.url, 'iPad Pro 11 landscape')
    contexts.push(context)
    await openHydrated(page, sessionPath)
    const suggestion = page.getByTestId(`class-gallery-suggested-${runId}`)
    await expect.poll(() => suggestion.isVisible(), { timeout: 10_000 }).toBe(true)
    await suggestion.getByTestId('publish-run').tap()
    await expect.poll(() => page.getByTestId(`class-gallery-published-${runId}`).isVisible(), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => page.getByTestId(`feed-run-${runId}`).textContent()).toContain('In der Klassengalerie')
    expect(readRunMetadata(server.dataDir, runId).class_gallery).toMatchObject({ published_by: 'admin' })
    expect(await screenshotAndAxe(page, 'leader-session')).toEqual([])

    // The projector wall keeps working.
    await openHydrated(page, `${sessionPath}/wall`)
    await expect.poll(() => page.getByTestId(`wall-item-${runId}`).isVisible()).toBe(true)
  }, 60_000)

  it.each(IPADS)('a classmate opens it from the header on %s: idea, rules and the picture', async (descriptor) => {
    const page = await studentPage(classmate, descriptor)
    await openHydrated(page, '/perspectives')
    await page.getByTestId('nav-class-gallery').tap()
    await page.waitForURL('**/class-gallery')
    const tile = page.getByTestId('class-gallery-item')
    await expect.poll(() => tile.count(), { timeout: 10_000 }).toBe(1)
    expect(await tile.getAttribute('data-run-id')).toBe(runId)
    expect(await minimumSide(page, '[data-testid="class-gallery-item"]')).toBeGreaterThanOrEqual(200)
    await expect.poll(() => tile.locator('img').evaluate(image => (image as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0)
    const violations = await screenshotAndAxe(page, `grid-${slug(descriptor)}`)

    await tile.tap()
    const dialog = page.getByTestId('class-gallery-dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const text = (await dialog.textContent())!
    expect(text).toContain('Ein Leuchtturm aus Glas')
    expect(text).toContain('Bauhaus')
    await expect.poll(() => dialog.locator('img').first().evaluate(image => (image as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0)
    violations.push(...await screenshotAndAxe(page, `open-${slug(descriptor)}`))
    expect(await minimumSide(page, '[data-testid="class-gallery-close"]')).toBeGreaterThanOrEqual(44)
    await page.getByTestId('class-gallery-close').tap()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(violations).toEqual([])
  }, 60_000)

  it('is in the page the server renders for a classmate, not for another session', async () => {
    const html = async (device: Device) => (await fetch(`${server.url}/class-gallery`, { headers: { cookie: device.cookieHeader } })).text()
    expect(await html(classmate)).toContain(`data-run-id="${runId}"`)
    expect(await html(otherClass)).not.toContain(runId)
  })

  it('a student of another session finds the class gallery empty', async () => {
    const page = await studentPage(otherClass)
    await openHydrated(page, '/class-gallery')
    await expect.poll(() => page.getByTestId('class-gallery-empty').isVisible()).toBe(true)
    expect(await page.getByTestId('class-gallery-item').count()).toBe(0)
    expect(await screenshotAndAxe(page, 'empty')).toEqual([])
  }, 30_000)
})
