import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page, Route } from 'playwright-core'
import { devices } from 'playwright-core'
import { accessibilityViolations, artifactPath, launchBrowser, openHydrated } from '../support/browser'
import { startServer, type TestServer } from '../support/server'

// The admin pages against canned API answers: these tests check the pages' own behaviour (URL-synced
// filters, highlighting, moderation dialog, retention) without depending on the admin API helpers.
// The end-to-end version against the real API is tests/browser/admin-runs.test.ts.

const RUN_A = '11111111-1111-4111-8111-111111111111'
const RUN_B = '22222222-2222-4222-8222-222222222222'
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes)).toISOString()

const row = (runId: string, overrides: object) => ({
  run_id: runId, created_at: at(5), updated_at: at(6), session_id: 'class-4b', session_name: 'Class 4b', participant_id: 'p1',
  pseudonym: 'Blue Otter 12', perspective: 'dada', output: 'image-fast', output_type: 'image', status: 'completed', safety_level: 'kids',
  hidden: false, input_text: 'A cat that flies over the moon at night', interception_text: 'Cut the moon into newspaper strips and let the cat read them aloud, backwards.',
  thumbnail_url: `/api/runs/${runId}/media/thumb.webp`, media_url: `/api/runs/${runId}/media/output.png`, ...overrides,
})

const stage = (name: string, minutes: number, detail?: object) => ({
  name, status: 'done', provider: name === 'generation' ? 'comfyui' : 'ollama', model: name === 'generation' ? 'sdxl-turbo' : 'llama3.2',
  started_at: at(minutes), finished_at: at(minutes + 1), duration_ms: 1234, error: null, ...(detail ? { detail } : {}),
})

function detailOf(hidden: boolean, audit: object[]) {
  return {
    run: {
      schema_version: 1, run_id: RUN_A, created_at: at(5), updated_at: at(9), status: 'completed', stage: 'generation', session_id: 'class-4b',
      participant_id: 'p1', favourite: false, hidden, perspective: 'dada', context: null, language: 'en', safety_level: 'kids', seed: 42,
      output: 'image-fast', input_text: 'A cat that flies over the moon', interception_text: 'Cut the moon into strips', generation_prompt: 'newspaper moon strips, a reading cat',
      stages: [stage('input_safety', 5), stage('interception', 6), stage('pre_output', 7, { translated_prompt: 'newspaper moon strips, a reading cat' }), stage('generation', 8)],
      outputs: [{ type: 'image', filename: 'output.png', mime: 'image/png', bytes: 1000, width: 512, height: 512, duration_s: null, sha256: 'a'.repeat(64), provider: 'comfyui', config: 'image-fast', thumbnail: 'thumb.webp', created_at: at(9) }],
      prompt_history: [
        { at: at(6), source: 'interception', text: 'Cut the moon into strips' },
        { at: at(7), source: 'student', text: 'Cut the red moon into strips' },
      ],
      progress: null, blocked: null, error: null, attempts: 1, cancel_requested: false, instance_id: 'i1',
    },
    session: { id: 'class-4b', name: 'Class 4b' },
    participant: { pseudonym: 'Blue Otter 12' },
    files: ['metadata.json', 'output.png', 'thumb.webp'],
    audit,
  }
}

const PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><rect width="512" height="512" fill="#7c3aed"/><circle cx="256" cy="200" r="90" fill="#fde68a"/></svg>'

/** A tiny in-memory admin API; records what the page asked for. */
function fakeAdminApi() {
  const calls: { method: string, path: string, query: URLSearchParams, body: unknown }[] = []
  const audit: object[] = []
  let hidden = false
  const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })

  async function handle(route: Route) {
    const request = route.request()
    const url = new URL(request.url())
    const body = request.postData() ? JSON.parse(request.postData()!) : null
    calls.push({ method: request.method(), path: url.pathname, query: url.searchParams, body })
    const path = url.pathname
    if (path.includes('/media/')) return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PICTURE })
    if (path === '/api/admin/me') return json(route, { leader: { name: 'admin' } })
    if (path === '/api/admin/sessions') return json(route, { sessions: url.searchParams.get('archived') === 'true' ? [] : [{ id: 'class-4b', name: 'Class 4b' }, { id: 'studio', name: 'Open studio' }] })
    if (path === '/api/admin/catalog') return json(route, { perspectives: [{ id: 'dada', name: { de: 'Dada', en: 'Dada' } }, { id: 'bauhaus', name: { de: 'Bauhaus', en: 'Bauhaus' } }], outputs: [] })
    if (path === '/api/admin/runs') {
      const q = url.searchParams.get('q') ?? ''
      const runs = [row(RUN_A, { hidden }), row(RUN_B, { created_at: at(1), status: 'failed', pseudonym: 'Red Fox 3', input_text: 'A house made of sound', interception_text: null, thumbnail_url: null, output_type: null })]
      const matching = runs.filter(run => !q || `${run.input_text} ${run.interception_text ?? ''}`.toLowerCase().includes(q.toLowerCase()))
      return json(route, { runs: matching, total: q ? matching.length : 1234, offset: Number(url.searchParams.get('offset')), limit: 50 })
    }
    if (path === `/api/admin/runs/${RUN_A}`) return json(route, detailOf(hidden, audit.filter(entry => (entry as { run_id: string }).run_id === RUN_A)))
    if (path === `/api/admin/runs/${RUN_A}/hide`) {
      hidden = true
      audit.unshift({ id: `a${audit.length}`, at: new Date().toISOString(), actor: 'admin', action: 'run.hide', run_id: RUN_A, session_id: 'class-4b', reason: (body as { reason?: string }).reason ?? null })
      return json(route, row(RUN_A, { hidden }))
    }
    if (path.startsWith('/api/admin/exports/')) {
      const polls = calls.filter(call => call.path === path).length
      return json(route, { export_id: path.split('/').pop(), status: polls < 3 ? 'running' : 'done', runs_total: 1234, runs_done: polls < 3 ? 617 : 1234, bytes: 340_000_000, started_at: at(0), error: null })
    }
    if (path === '/api/admin/leaders') return json(route, { leaders: [{ name: 'admin', created_at: at(0) }] })
    if (path === '/api/admin/audit') return json(route, { entries: audit })
    if (path === '/api/admin/retention') return json(route, { global_days: request.method() === 'PUT' ? (body as { global_days: number }).global_days : 365, last_applied: { at: at(0), deleted: 3 } })
    if (path === '/api/admin/retention/preview') return json(route, { cutoffs: [], runs: [{ run_id: RUN_B, session_id: 'class-4b', session_name: 'Class 4b', created_at: at(1), older_than_days: 365 }], total: 1 })
    return json(route, { statusMessage: 'not faked' }, 404)
  }
  return { calls, handle }
}

let browser: Browser
let server: TestServer
beforeAll(async () => { [browser, server] = await Promise.all([launchBrowser(), startServer()]) })
afterAll(async () => { await browser?.close(); await server?.stop() })

/** The admin API is not on the server under test, so the page is reached by a client-side navigation. */
async function openAdmin(page: Page, path: string) {
  await openHydrated(page, '/')
  await page.evaluate((to) => {
    const app = (document.querySelector('#__nuxt') as unknown as { __vue_app__: { config: { globalProperties: { $router: { push: (to: string) => Promise<void> } } } } }).__vue_app__
    return app.config.globalProperties.$router.push(to)
  }, path)
}

async function pageWithFakeApi(viewport: { width: number, height: number }, descriptor?: keyof typeof devices) {
  const context = await browser.newContext({ ...(descriptor ? devices[descriptor] : { viewport }), baseURL: server.url, locale: 'en' })
  await context.addCookies([{ name: 'ai4a_lang', value: 'en', url: server.url }])
  const api = fakeAdminApi()
  await context.route(/\/api\/(admin|runs\/[^/]+\/media)\//, api.handle)
  await context.route(/\/api\/admin\/me$/, api.handle)
  return { page: await context.newPage(), context, api }
}

describe('admin run pages against a canned API', () => {
  it('keeps the text filter in the URL, highlights it, opens a run, hides it with a reason and lists the audit entry', async () => {
    const { page, context, api } = await pageWithFakeApi({ width: 1280, height: 800 })
    await openAdmin(page, '/admin/runs')
    await page.getByTestId(`run-row-${RUN_A}`).waitFor()
    await expect(page.getByTestId('runs-total').textContent()).resolves.toContain('1,234 runs')
    await page.screenshot({ path: artifactPath('admin-runs-1280x800.png'), fullPage: true })

    await page.getByTestId('runs-filter-q').fill('moon')
    await page.waitForURL(/q=moon/)
    await page.getByTestId(`run-row-${RUN_B}`).waitFor({ state: 'detached' })
    await expect(page.locator(`[data-testid="run-row-${RUN_A}"] mark`).first().textContent()).resolves.toBe('moon')
    expect(api.calls.some(call => call.path === '/api/admin/runs' && call.query.get('q') === 'moon' && call.query.get('limit') === '50')).toBe(true)

    await page.getByTestId(`run-open-${RUN_A}`).click()
    await page.getByTestId('run-stage-pre_output').waitFor()
    await expect(page.getByTestId('prompt-edit').count()).resolves.toBe(2)
    await expect(page.locator('[data-testid="prompt-edit"] ins').textContent()).resolves.toBe('red ')
    await page.screenshot({ path: artifactPath('admin-run-detail-1280x800.png'), fullPage: true })

    await page.getByTestId('run-hide').click()
    await page.getByTestId('moderation-reason').fill('shows a real name')
    await page.screenshot({ path: artifactPath('admin-run-hide-dialog-1280x800.png') })
    await page.getByTestId('moderation-confirm').click()
    await page.getByTestId('run-unhide').waitFor()
    await expect(page.getByTestId('audit-entry').textContent()).resolves.toContain('shows a real name')
    expect(api.calls.find(call => call.path.endsWith('/hide'))?.body).toEqual({ reason: 'shows a real name' })
    expect(await accessibilityViolations(page)).toEqual([])

    await page.goBack()
    await page.waitForURL(/\/admin\/runs\?q=moon/)
    await expect(page.getByTestId('runs-filter-q').inputValue()).resolves.toBe('moon')
    await context.close()
  })

  it('starts an export as a download with the filters and shows its progress', async () => {
    const { page, context, api } = await pageWithFakeApi({ width: 1280, height: 800 })
    await openAdmin(page, '/admin/runs?status=completed')
    await page.getByTestId(`run-row-${RUN_A}`).waitFor()
    const download = page.waitForEvent('download')
    await page.getByTestId('export-start').click()
    // A download bypasses request interception, so the address is checked instead of the fake's answer.
    const address = new URL((await download).url())
    expect(address.pathname).toBe('/api/admin/export')
    expect(address.searchParams.get('status')).toBe('completed')
    expect(address.searchParams.get('export_id')).toMatch(/^[0-9a-f-]{36}$/)
    await expect.poll(() => page.getByTestId('export-progress').textContent()).toContain('617 of 1,234 runs · 340 MB')
    await page.screenshot({ path: artifactPath('admin-runs-export-1280x800.png') })
    await expect.poll(() => page.getByTestId('export-progress').getAttribute('data-status'), { timeout: 10_000 }).toBe('done')
    expect(api.calls.some(call => call.path === `/api/admin/exports/${address.searchParams.get('export_id')}`)).toBe(true)
    await context.close()
  })

  it('asks for a reason before a delete and explains that the files go for good', async () => {
    const { page, context } = await pageWithFakeApi({ width: 1024, height: 768 })
    await openAdmin(page, `/admin/runs/${RUN_A}`)
    await page.getByTestId('run-delete').click()
    await expect(page.getByTestId('moderation-confirm').isDisabled()).resolves.toBe(true)
    await expect(page.locator('dialog').textContent()).resolves.toContain('removed for good')
    await page.getByTestId('moderation-reason').fill('parent asked')
    await expect(page.getByTestId('moderation-confirm').isDisabled()).resolves.toBe(false)
    await context.close()
  })

  it('shows the settings page with retention, preview and the audit log on an iPad in landscape', async () => {
    const { page, context, api } = await pageWithFakeApi({ width: 1180, height: 820 }, 'iPad Pro 11 landscape')
    await openAdmin(page, '/admin/settings')
    await page.getByTestId('retention-preview').waitFor()
    await expect(page.getByTestId('retention-days').inputValue()).resolves.toBe('365')
    await page.getByTestId('retention-days').fill('90')
    await page.getByTestId('retention-save').tap()
    await expect.poll(() => api.calls.find(call => call.method === 'PUT')?.body).toEqual({ global_days: 90 })
    expect(await accessibilityViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('admin-settings-ipad-pro-11-landscape.png'), fullPage: true })

    await openAdmin(page, '/admin/runs')
    await page.getByTestId(`run-row-${RUN_A}`).waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('admin-runs-ipad-pro-11-landscape.png'), fullPage: true })
    await context.close()
  })
})
