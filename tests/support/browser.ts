import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Browser, type BrowserContext, chromium, devices, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { TEST_ADMIN_PASSWORD } from './admin'

export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../test-artifacts')

/** Debian's Chromium; Playwright cannot download its own browser here. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

/**
 * A touch iPad context that refuses every request to a host other than the app and records it,
 * so a test can fail on a stray CDN font or analytics call.
 */
export async function ipadContext(browser: Browser, appUrl: string, device: keyof typeof devices = 'iPad (gen 7)') {
  const context: BrowserContext = await browser.newContext({ ...devices[device], baseURL: appUrl })
  const foreignRequests: string[] = []
  const appOrigin = new URL(appUrl).origin
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(appOrigin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue()
    foreignRequests.push(url)
    return route.abort('blockedbyclient')
  })
  return { context, foreignRequests }
}

/** A leader's iPad, signed in as `admin` (start the server with TEST_ADMIN_PASSWORD); fails loudly if sign-in does not work. */
export async function leaderPage(browser: Browser, appUrl: string, device: keyof typeof devices = 'iPad (gen 7)') {
  const { context, foreignRequests } = await ipadContext(browser, appUrl, device)
  const page = await context.newPage()
  const login = await page.request.post('/api/admin/login', { data: { name: 'admin', password: TEST_ADMIN_PASSWORD } })
  if (login.status() !== 200) throw new Error(`Signing in as admin failed with ${login.status()}: ${await login.text()}`)
  return { page, context, foreignRequests }
}

/** The descriptors the journey must work on, each upright and on its side. */
export const IPADS = ['iPad (gen 7)', 'iPad (gen 7) landscape', 'iPad Pro 11', 'iPad Pro 11 landscape'] as const

/** File-name friendly: "iPad Pro 11 landscape" → "ipad-pro-11-landscape". */
export const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return resolve(ARTIFACTS_DIR, name)
}

const AXE_SOURCE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js')

/**
 * axe-core's WCAG 2 A/AA rules on the page as it is now (contrast, labels, names, roles);
 * answers one line per violation so a failing test says what and where.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE })
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string, nodes: { target: string[] }[] }[] }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
    return result.violations.map(violation => `${violation.id}: ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)
  })
  return violations
}

/** Opens a path and waits until Vue has taken over the server-rendered page, so taps reach their handlers. */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path)
  await page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__))
}

/** The run page's status as the page shows it (data-status of the run-status element). */
export const runStatus = (page: Page) => page.getByTestId('run-status').getAttribute('data-status')

/** The happy path up to the transformed text, as a student taps it: join the studio, a perspective (Bauhaus), the idea. */
export async function reachInterception(page: Page, idea: string, perspective = 'bauhaus') {
  await openHydrated(page, '/')
  await page.getByTestId('join-studio').tap()
  await page.waitForURL('**/perspectives')
  await page.getByTestId(`perspective-tile-${perspective}`).tap()
  await page.getByTestId('perspective-choose').tap()
  await page.waitForURL('**/idea')
  await page.getByTestId('idea-input').fill(idea)
  await page.getByTestId('idea-submit').tap()
  await page.waitForURL('**/runs/**')
}

/** Once the transformed text is there: pick a picture and start it. */
export async function startImage(page: Page) {
  await expect.poll(() => runStatus(page), { timeout: 15_000 }).toBe('awaiting_output')
  await page.getByTestId('medium-image').tap()
  await page.getByTestId('generate-start').tap()
}
