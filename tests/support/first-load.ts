import type { BrowserContext, Page } from 'playwright-core'

export interface LoadedScript { url: string, bytes: number }

/**
 * Records every script Chromium receives on `page` with its bytes as they came over the wire
 * (compressed, headers included), from the DevTools protocol, like bench/client-bundle.mjs.
 */
export async function recordScripts(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const scripts = new Map<string, LoadedScript>()
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    if (type === 'Script') scripts.set(requestId, { url: response.url, bytes: 0 })
  })
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId)
    if (script) script.bytes = encodedDataLength
  })
  return {
    scripts: () => [...scripts.values()],
    bytes: () => [...scripts.values()].reduce((sum, script) => sum + script.bytes, 0),
  }
}
