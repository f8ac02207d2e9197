import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Browser, type BrowserContext, chromium, devices } from 'playwright-core'

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

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return resolve(ARTIFACTS_DIR, name)
}
