import { afterAll, beforeAll, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, type Device } from '../support/api'
import { createRun } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

let server: TestServer
let leader: Device
let runId: string

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
  runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Haus' })
})
afterAll(() => server?.stop())

/** A projector or a bookmark opens these pages with a full load, so each must render on the server too. */
const pages = () => ['/admin', '/admin/sessions/studio', '/admin/sessions/studio/wall', '/admin/runs', `/admin/runs/${runId}`, '/admin/settings', '/admin/providers', '/admin/instances']

it('renders every admin page on the server for a signed-in leader', async () => {
  for (const path of pages()) {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: leader.cookieHeader } })
    expect(`${path}: ${response.status}`).toBe(`${path}: 200`)
  }
})

it('sends everyone else to the sign-in page, and back to the page afterwards', async () => {
  for (const path of pages()) {
    const response = await fetch(`${server.url}${path}`, { redirect: 'manual' })
    expect(response.status, path).toBe(302)
    const location = new URL(response.headers.get('location')!, server.url)
    expect([location.pathname, location.searchParams.get('next')]).toEqual(['/admin/login', path])
  }
  expect((await api(server, '/admin/login')).status).toBe(200)
})
