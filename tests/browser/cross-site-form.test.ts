import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Browser, devices } from 'playwright-core'
import { TEST_ADMIN_PASSWORD } from '../support/admin'
import { launchBrowser } from '../support/browser'
import { freePort, startServer, type TestServer } from '../support/server'

/**
 * The attacker's page from the finding: served on another port of the same host (same site, so
 * Chromium sends the leader's SameSite=Lax cookie along), it posts a text/plain form whose body
 * reads as JSON, and tries the same with a no-cors fetch.
 */
let browser: Browser
let server: TestServer
let attacker: Server
let attackerUrl: string

const attackerPage = (target: string) => `<!doctype html><html><body>
<form id="f" method="POST" action="${target}/api/admin/leaders" enctype="text/plain">
  <input type="hidden" name='{"name":"mallory","password":"0123456789' value='abc"}'>
</form>
<script>
  fetch('${target}/api/admin/leaders', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"name":"eve","password":"0123456789=abc"}' })
    .finally(() => document.getElementById('f').submit())
</script></body></html>`

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  const port = await freePort()
  attackerUrl = `http://127.0.0.1:${port}`
  attacker = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage(server.url)))
  await new Promise<void>(resolve => attacker.listen(port, '127.0.0.1', resolve))
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await new Promise(resolve => attacker?.close(resolve))
})

it('a page on another port cannot create a leader with the signed-in leader\'s cookie', async () => {
  const context = await browser.newContext({ ...devices['iPad (gen 7)'] })
  const login = await context.request.post(`${server.url}/api/admin/login`, { data: { name: 'admin', password: TEST_ADMIN_PASSWORD } })
  expect(login.status()).toBe(200)
  const page = await context.newPage()
  const formPost = page.waitForResponse(response => response.url() === `${server.url}/api/admin/leaders` && response.request().method() === 'POST' && response.request().resourceType() === 'document')
  await page.goto(attackerUrl)
  const answer = await formPost
  // The cookie did travel (same site): only the origin check stands in the way.
  expect(await answer.request().headerValue('cookie')).toContain('ai4a_leader=')
  expect(answer.status()).toBe(403)
  expect(await answer.text()).toContain('another site')

  const leaders = await context.request.get(`${server.url}/api/admin/leaders`)
  expect(leaders.status()).toBe(200)
  expect((await leaders.json()).leaders.map((leader: { name: string }) => leader.name)).toEqual(['admin'])
  await context.close()
})
