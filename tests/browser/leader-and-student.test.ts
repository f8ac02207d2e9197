import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { accessibilityViolations, artifactPath, ipadContext, launchBrowser, openHydrated } from '../support/browser'
import { startServer, type TestServer } from '../support/server'

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

const status = (page: Page) => page.getByTestId('run-status').getAttribute('data-status')

it('a leader opens a session, a student joins by code and makes a picture, it reaches the feed and the wall, the leader hides it and the student no longer sees it', async () => {
  // The leader on an iPad Pro in landscape, the student on a small iPad: two browsers, two sets of cookies.
  const leaderSide = await ipadContext(browser, server.url, 'iPad Pro 11 landscape')
  const studentSide = await ipadContext(browser, server.url, 'iPad (gen 7)')
  const leader = await leaderSide.context.newPage()
  const student = await studentSide.context.newPage()
  const a11y: string[] = []
  const check = async (page: Page, name: string) => {
    await page.screenshot({ path: artifactPath(`leader-student-${name}.png`), animations: 'disabled' })
    a11y.push(...(await accessibilityViolations(page)).map(violation => `${name}: ${violation}`))
  }

  // The leader signs in on the sign-in page the admin area sends them to.
  await openHydrated(leader, '/admin')
  await leader.waitForURL('**/admin/login**')
  await leader.getByTestId('login-name').fill('admin')
  await leader.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD)
  await leader.getByTestId('login-submit').tap()
  await leader.waitForURL(/\/admin$/)

  await leader.getByTestId('session-create-name').fill('Klasse 6c')
  await leader.getByTestId('session-create-submit').tap()
  await leader.waitForURL(/\/admin\/sessions\/[a-z0-9-]+$/)
  const sessionPath = new URL(leader.url()).pathname
  const codeElement = leader.getByTestId('session-join-code')
  await expect.poll(() => codeElement.textContent()).toMatch(/^[A-Z2-9]{6}$/)
  const code = (await codeElement.textContent())!
  await check(leader, 'session')

  // The student types the code on the on-screen keys.
  await openHydrated(student, '/')
  for (const char of code) await student.getByTestId(`join-key-${char}`).tap()
  await student.getByTestId('join-submit').tap()
  await student.waitForURL('**/perspectives')
  await expect.poll(() => student.getByTestId('participant-name').isVisible()).toBe(true)
  await student.getByTestId('perspective-tile-bauhaus').tap()
  await student.getByTestId('perspective-choose').tap()
  await student.waitForURL('**/idea')
  await student.getByTestId('idea-input').fill('Ein Leuchtturm aus Glas')
  await student.getByTestId('idea-submit').tap()
  await student.waitForURL('**/runs/**')
  const runId = new URL(student.url()).pathname.split('/').at(-1)!

  // The run shows up on the leader's live feed (polled every second) while it is still being made.
  // The feed, the wall (every 2 s) and the moderation are eventual: the polls wait the default
  // 15 s, a deadline for a feed that never updates, not for a busy machine.
  const feedItem = leader.getByTestId(`feed-run-${runId}`)
  await expect.poll(() => feedItem.isVisible(), { interval: 100 }).toBe(true)

  await expect.poll(() => status(student), { timeout: 15_000 }).toBe('awaiting_output')
  await student.getByTestId('medium-image').tap()
  await student.getByTestId('generate-start').tap()
  await expect.poll(() => status(student), { timeout: 30_000 }).toBe('completed')
  await expect.poll(() => feedItem.getAttribute('data-status')).toBe('completed')
  await check(leader, 'feed')

  // The projector wall shows the picture.
  const wall = await leaderSide.context.newPage()
  await openHydrated(wall, `${sessionPath}/wall`)
  await expect.poll(() => wall.getByTestId(`wall-item-${runId}`).isVisible()).toBe(true)
  await wall.screenshot({ path: artifactPath('leader-student-wall.png'), animations: 'disabled' })

  // The leader hides the run with a reason.
  await openHydrated(leader, `/admin/runs/${runId}`)
  await leader.getByTestId('run-hide').tap()
  await leader.getByTestId('moderation-reason').fill('Nicht für die Wand')
  await leader.getByTestId('moderation-confirm').tap()
  await expect.poll(() => leader.getByTestId('run-unhide').isVisible()).toBe(true)
  await check(leader, 'run-hidden')

  // Gone from the wall and for the student: the run page says it does not exist, the gallery is empty.
  await expect.poll(() => wall.getByTestId(`wall-item-${runId}`).count()).toBe(0)
  await student.reload()
  await expect.poll(() => student.getByTestId('run-not-found').isVisible(), { timeout: 10_000 }).toBe(true)
  await openHydrated(student, '/gallery')
  await expect.poll(() => student.getByTestId('gallery-empty').isVisible()).toBe(true)
  expect(await student.getByTestId('gallery-item').count()).toBe(0)

  // The audit log names who hid it and why.
  const audit = await leader.request.get('/api/admin/audit').then(response => response.json())
  expect(audit.entries[0]).toMatchObject({ actor: 'admin', action: 'run.hide', run_id: runId, reason: 'Nicht für die Wand' })

  expect(a11y).toEqual([])
  expect(leaderSide.foreignRequests).toEqual([])
  expect(studentSide.foreignRequests).toEqual([])
  await leaderSide.context.close()
  await studentSide.context.close()
})
