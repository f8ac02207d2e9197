import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { Browser, BrowserContext, devices, Page } from 'playwright-core'
import { ipadContext, launchBrowser } from './browser'
import { type ServerOptions, startServer, type TestServer } from './server'

/**
 * A browser test file's setup: one Chromium and one built server for the file, iPad pages opened
 * per test and closed after it, and after every test the check that no page asked another host
 * (nothing of a child's iPad goes to a CDN or a tracker). `serverOptions` runs in beforeAll.
 */
export function useIpadPages(serverOptions: () => ServerOptions = () => ({})) {
  let browser: Browser | undefined
  let server: TestServer | undefined
  let foreign: string[][] = []
  const closers: (() => Promise<unknown>)[] = []

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchBrowser(), startServer(serverOptions())])
  })
  afterAll(async () => Promise.all([browser?.close(), server?.stop()]))
  afterEach(async () => {
    while (closers.length) await closers.pop()!()
    const requests = foreign.flat()
    foreign = []
    expect(requests).toEqual([])
  })

  /** A context this file opened itself (a leader's page, a context with its own set-up): closed and checked like the others. */
  function track<T extends { context: BrowserContext, foreignRequests: string[] }>(opened: T): T {
    foreign.push(opened.foreignRequests)
    closers.push(() => opened.context.close())
    return opened
  }

  return {
    get browser(): Browser { return browser! },
    get server(): TestServer { return server! },
    track,
    async openPage(device?: keyof typeof devices): Promise<Page> {
      return track(await ipadContext(browser!, server!.url, device)).context.newPage()
    },
  }
}
