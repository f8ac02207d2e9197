import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, Device, ensureJoined, waitForRun } from '../support/api'
import { startServer, type TestServer } from '../support/server'

let server: TestServer

beforeAll(async () => { server = await startServer() })
afterAll(() => server?.stop())

/** A device that joined the open studio: remembers the participant cookie the server hands out, as Safari would. */
function device(jar = new Device()) {
  return async <T = any>(path: string, init: { method?: string, body?: unknown } = {}) => {
    await ensureJoined(server, jar)
    return api<T>(server, path, { ...init, device: jar })
  }
}

describe('joining', () => {
  it('joins the open studio without a code and hands out an http-only participant cookie', async () => {
    const response = await api(server, '/api/join', { body: {}, device: new Device() })
    expect(response.status).toBe(200)
    expect(response.body.session).toMatchObject({ id: 'studio', name: 'Open studio', open: true })
    expect(response.body.participant.pseudonym).toMatch(/^\S+ \S+ \d{1,2}$/)
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/^ai4a_participant=[0-9a-f-]{36};/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })

  it('answers a well-formed code that no session has with 404 naming the code, forgiving case and dashes', async () => {
    const response = await api(server, '/api/join', { body: { code: 'abc-234' } })
    expect(response.status).toBe(404)
    expect(response.body.statusMessage).toBe('No course session has the code ABC234')
  })

  it('answers something that cannot be a code with 400', async () => {
    const response = await api(server, '/api/join', { body: { code: 'HELLO' } })
    expect(response.status).toBe(400)
    expect(response.body.statusMessage).toContain('is not a join code')
  })
})

describe('a device’s own runs', () => {
  it('lists only this device’s runs, newest first, a page at a time', async () => {
    const mine = device()
    const other = device()
    const ids: string[] = []
    for (let n = 0; n < 5; n++) {
      const { body } = await mine('/api/runs', { body: { perspective: 'bauhaus', input_text: `Haus ${n}` } })
      ids.push(body.run_id)
    }
    await other('/api/runs', { body: { perspective: 'bauhaus', input_text: 'Fremdes Haus' } })
    const first = await mine('/api/my/runs?limit=2')
    expect(first.body.total).toBe(5)
    expect(first.body.runs.map((run: { run_id: string }) => run.run_id)).toEqual([ids[4], ids[3]])
    const rest = await mine('/api/my/runs?offset=2&limit=10')
    expect(rest.body.runs.map((run: { run_id: string }) => run.run_id)).toEqual([ids[2], ids[1], ids[0]])
    expect(rest.body.runs[0]).toMatchObject({ perspective: 'bauhaus', input_text: 'Haus 2', favourite: false })
    expect((await other('/api/my/runs')).body.total).toBe(1)
  })

  it('gives a gallery item the thumbnail once the run has media', async () => {
    const jar = new Device()
    const mine = device(jar)
    const { body } = await mine('/api/runs', { body: { perspective: 'bauhaus', input_text: 'Ein Boot', output: 'image' } })
    await waitForRun(server, body.run_id, run => run.status === 'completed', 30_000, jar)
    const [item] = (await mine('/api/my/runs')).body.runs
    expect(item).toMatchObject({ run_id: body.run_id, status: 'completed', output_type: 'image', thumbnail_url: `/api/runs/${body.run_id}/media/thumbnail-image.webp` })
  })

  it('lets only the device that made a run mark it as favourite', async () => {
    const mine = device()
    const other = device()
    const { body } = await mine('/api/runs', { body: { perspective: 'bauhaus', input_text: 'Ein Stern' } })
    const marked = await mine(`/api/runs/${body.run_id}/favourite`, { method: 'PUT', body: { favourite: true } })
    expect(marked.status).toBe(200)
    expect(marked.body).toEqual({ run_id: body.run_id, favourite: true })
    expect((await mine(`/api/runs/${body.run_id}`)).body.favourite).toBe(true)
    const stranger = await other(`/api/runs/${body.run_id}/favourite`, { method: 'PUT', body: { favourite: false } })
    expect(stranger.status).toBe(404)
    expect((await mine(`/api/runs/${body.run_id}`)).body.favourite).toBe(true)
  })

  it('refuses a favourite that is not true or false', async () => {
    const mine = device()
    const { body } = await mine('/api/runs', { body: { perspective: 'bauhaus', input_text: 'Ein Mond' } })
    const response = await mine(`/api/runs/${body.run_id}/favourite`, { method: 'PUT', body: { favourite: 'yes' } })
    expect(response.status).toBe(400)
    expect(response.body.statusMessage).toContain('favourite')
  })

  it('refuses a page size over 100', async () => {
    expect((await api(server, '/api/my/runs?limit=1000')).status).toBe(400)
  })
})
