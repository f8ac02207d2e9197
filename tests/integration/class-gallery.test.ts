import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminRunRow } from '#shared/admin-views'
import type { ClassGalleryItem, ReflectionView } from '#shared/class-gallery'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, waitForRun } from '../support/api'
import { readRunMetadata, runDir } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

/**
 * The class gallery over real HTTP: a leader publishes a student's run, and every student of that
 * session (only that session) sees it and may read its released output, nothing else of the run.
 * Then the reflection answers kept in the run.
 */
let server: TestServer
let leader: Device
const owner = new Device()
const classmate = new Device()
const otherClass = new Device()
const nobody = new Device()
let sessionA: string
let published: string
let plain: string
let unfinished: string
let opposite: string

const gallery = async (device: Device) => {
  const response = await api<{ runs: ClassGalleryItem[] }>(server, '/api/class-gallery', { device })
  expect(response.status).toBe(200)
  return response.body.runs
}
const status = async (path: string, device: Device, method = 'GET') => (await fetch(`${server.url}${path}`, { method, headers: { cookie: device.cookieHeader } })).status

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
  const session = async (name: string) => (await api(server, '/api/admin/sessions', { body: { name, safety_level: 'youth', limits: { runs_per_hour: null, runs_in_progress: null } }, device: leader })).body
  const [a, b] = [await session('Class A'), await session('Class B')]
  sessionA = a.id
  for (const [device, code] of [[owner, a.join_code], [classmate, a.join_code], [otherClass, b.join_code]] as const) {
    expect((await api(server, '/api/join', { body: { code }, device })).status).toBe(200)
  }
  const start = async (body: Record<string, unknown>) => {
    const created = await api(server, '/api/runs', { body, device: owner })
    expect(created.status, JSON.stringify(created.body)).toBe(202)
    return created.body.run_id as string
  }
  published = await start({ perspective: 'bauhaus', input_text: 'A red house by the lake', rules: 'Only circles, all of them blue.', output: 'image_builtin' })
  plain = await start({ perspective: 'bauhaus', input_text: 'A blue bicycle', output: 'image_builtin' })
  unfinished = await start({ perspective: 'bauhaus', input_text: 'A green tree' })
  opposite = await start({ perspective: 'theopposite', input_text: 'A big loud dog', output: 'image_builtin' })
  for (const id of [published, plain, opposite]) expect((await waitForRun(server, id, run => run.status === 'completed', 30_000, owner)).status).toBe('completed')
  expect((await waitForRun(server, unfinished, run => run.status === 'awaiting_output', 30_000, owner)).status).toBe('awaiting_output')
}, 90_000)
afterAll(() => server?.stop())

describe('suggesting a run', () => {
  it('is for the run’s own student only, and only once it has a result', async () => {
    for (const device of [classmate, otherClass, nobody, leader]) {
      expect((await api(server, `/api/runs/${published}/suggest`, { method: 'POST', device })).status).toBe(404)
    }
    const suggested = await api(server, `/api/runs/${published}/suggest`, { method: 'POST', device: owner })
    expect(suggested.status).toBe(200)
    expect(suggested.body.class_gallery).toEqual({ suggested: true, published: false })
    expect((await api(server, `/api/runs/${published}`, { device: owner })).body.class_gallery).toEqual({ suggested: true, published: false })
    const early = await api(server, `/api/runs/${unfinished}/suggest`, { method: 'POST', device: owner })
    expect(early.status).toBe(409)
    expect(early.body.message).toMatch(/finished/)
    expect(readRunMetadata(server.dataDir, published).class_gallery?.suggested_at).toBeTruthy()
  })

  it('shows the suggestion to the leader on the session page, and nothing to the class yet', async () => {
    const response = await api<{ published: AdminRunRow[], suggested: AdminRunRow[] }>(server, `/api/admin/sessions/${sessionA}/class-gallery`, { device: leader })
    expect(response.status).toBe(200)
    expect(response.body.suggested.map(row => row.run_id)).toEqual([published])
    expect(response.body.published).toEqual([])
    expect(await gallery(classmate)).toEqual([])
  })
})

describe('a published run', () => {
  beforeAll(async () => {
    const response = await api<AdminRunRow>(server, `/api/admin/runs/${published}/publish`, { method: 'POST', device: leader })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ run_id: published, published: true, suggested: true })
  })

  it('is seen by every student of its session with idea, rules and result, by nobody else', async () => {
    const [item] = await gallery(classmate)
    expect(item).toMatchObject({ run_id: published, perspective: 'bauhaus', input_text: 'A red house by the lake', rules: 'Only circles, all of them blue.', mine: false, output: { type: 'image', mime: 'image/png' } })
    expect(item!.interception_text).toBeTruthy()
    expect(JSON.stringify(item)).not.toMatch(/participant|pseudonym|input_images|prompt_history/)
    expect((await gallery(owner)).map(run => [run.run_id, run.mine])).toEqual([[published, true]])
    expect(await gallery(otherClass)).toEqual([])
    expect(await gallery(nobody)).toEqual([])
    expect(await gallery(leader)).toEqual([])
  })

  it('lets classmates read its output and thumbnail (sized too), and nothing else of the run', async () => {
    const [item] = await gallery(classmate)
    const output = item!.output
    expect(await status(output.url, classmate)).toBe(200)
    expect(await status(output.url, classmate, 'HEAD')).toBe(200)
    expect(await status(output.thumbnail_url!, classmate)).toBe(200)
    expect(await status(`${output.thumbnail_url}?w=512`, classmate)).toBe(200)
    for (const device of [otherClass, nobody]) {
      expect(await status(output.url, device)).toBe(404)
      expect(await status(output.thumbnail_url!, device)).toBe(404)
    }
    // A picture the student brought in stays theirs, like every other file of the folder.
    writeFileSync(join(runDir(server.dataDir, published), 'input-image-1.jpg'), Buffer.from([0xFF, 0xD8, 0xFF, 0xD9]))
    for (const file of ['input-image-1.jpg', 'metadata.json', 'input.txt', 'interception.txt', 'prompt-history.json', 'sketch.js', '..%2Fmetadata.json']) {
      expect(await status(`/api/runs/${published}/media/${file}`, classmate), file).toBe(404)
      expect(await status(`/api/runs/${published}/media/${file}?w=128`, classmate), file).toBe(404)
    }
    // The run itself, its texts and its reflection stay its student's.
    for (const path of [`/api/runs/${published}`, `/api/runs/${published}/reflection`, `/api/media/image/${published}`, `/api/media/run/${published}`]) {
      expect(await status(path, classmate), path).toBe(404)
    }
    // An unpublished run of the same student is not shared by the published one.
    const own = await api(server, `/api/runs/${plain}`, { device: owner })
    expect(await status(own.body.outputs[0].url, classmate)).toBe(404)
    expect(await status(own.body.outputs[0].thumbnail_url, classmate)).toBe(404)
  })

  it('leaves the class gallery when a leader hides it, and stays out when shown again', async () => {
    const [item] = await gallery(classmate)
    expect((await api(server, `/api/admin/runs/${published}/hide`, { body: { reason: 'a name in the picture' }, device: leader })).status).toBe(200)
    expect(await gallery(classmate)).toEqual([])
    expect(await gallery(owner)).toEqual([])
    expect(await status(item!.output.url, classmate)).toBe(404)
    expect(readRunMetadata(server.dataDir, published).class_gallery).toMatchObject({ published_at: null, published_by: null })
    const refused = await api(server, `/api/admin/runs/${published}/publish`, { method: 'POST', device: leader })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/hidden/)
    expect((await api(server, `/api/admin/runs/${published}/unhide`, { body: {}, device: leader })).status).toBe(200)
    expect(await gallery(classmate)).toEqual([])
  })

  it('is refused before a result, and taken out again by DELETE; both audited', async () => {
    expect((await api(server, `/api/admin/runs/${unfinished}/publish`, { method: 'POST', device: leader })).status).toBe(409)
    expect((await api(server, '/api/admin/runs/00000000-0000-4000-8000-000000000000/publish', { method: 'POST', device: leader })).status).toBe(404)
    expect((await api(server, `/api/admin/runs/${plain}/publish`, { method: 'POST', body: { reason: 'lovely colours' }, device: leader })).status).toBe(200)
    expect((await gallery(classmate)).map(run => run.run_id)).toEqual([plain])
    const sessionPage = await api(server, `/api/admin/sessions/${sessionA}/class-gallery`, { device: leader })
    expect(sessionPage.body.published.map((row: AdminRunRow) => row.run_id)).toEqual([plain])
    const removed = await api<AdminRunRow>(server, `/api/admin/runs/${plain}/publish`, { method: 'DELETE', device: leader })
    expect(removed.status).toBe(200)
    expect(removed.body.published).toBe(false)
    expect(await gallery(classmate)).toEqual([])
    const audit = await api(server, '/api/admin/audit', { device: leader })
    const entries = (audit.body.entries ?? audit.body) as { action: string, run_id: string, reason: string | null, actor: string }[]
    expect(entries.filter(entry => entry.run_id === plain).map(entry => [entry.action, entry.reason, entry.actor])).toEqual([
      ['run.unpublish', null, 'admin'],
      ['run.publish', 'lovely colours', 'admin'],
    ])
    expect(entries.filter(entry => entry.run_id === published).map(entry => entry.action)).toEqual(['run.unhide', 'run.hide', 'run.publish'])
  })
})

describe('reflection', () => {
  it('asks the perspective’s questions after a result, to the run’s student and leaders', async () => {
    const own = await api<ReflectionView>(server, `/api/runs/${published}/reflection`, { device: owner })
    expect(own.status).toBe(200)
    expect(own.body.questions.map(question => question.id)).toEqual(['rules_changed', 'as_imagined', 'change_next'])
    expect(own.body.perspective_name.en).toBe('Bauhaus')
    expect(own.body.answers).toEqual([])
    const flipped = await api<ReflectionView>(server, `/api/runs/${opposite}/reflection`, { device: owner })
    expect(flipped.body.questions.map(question => question.id)).toEqual(['what_flipped', 'prefer', 'change_next'])
    for (const question of flipped.body.questions) for (const chip of question.chips) expect(Object.keys(chip.label).sort()).toEqual(['de', 'en', 'tr', 'uk'])
    expect((await api(server, `/api/runs/${published}/reflection`, { device: leader })).status).toBe(200)
    for (const device of [classmate, otherClass, nobody]) expect((await api(server, `/api/runs/${published}/reflection`, { device })).status).toBe(404)
    // The questions travel with a result only, not on every page that lists perspectives.
    const list = await api(server, '/api/perspectives', { device: owner })
    expect(list.body.find((perspective: { id: string }) => perspective.id === 'theopposite')).toBeTruthy()
    expect(JSON.stringify(list.body)).not.toContain('what_flipped')
  })

  it('keeps a chip and typed words in the run, for research', async () => {
    const chip = await api<ReflectionView>(server, `/api/runs/${opposite}/reflection`, { method: 'PUT', body: { question_id: 'prefer', chip: 'opposite' }, device: owner })
    expect(chip.status).toBe(200)
    const typed = await api<ReflectionView>(server, `/api/runs/${opposite}/reflection`, { method: 'PUT', body: { question_id: 'change_next', chip: 'idea', text: '  Ich würde den Hund fliegen lassen  ' }, device: owner })
    expect(typed.status).toBe(200)
    expect(typed.body.answers.map(({ question_id, chip, text }) => ({ question_id, chip, text }))).toEqual([
      { question_id: 'prefer', chip: 'opposite', text: null },
      { question_id: 'change_next', chip: 'idea', text: 'Ich würde den Hund fliegen lassen' },
    ])
    const stored = readRunMetadata(server.dataDir, opposite).reflection
    expect(stored).toEqual(typed.body.answers)
    expect(Date.parse(stored[0]!.answered_at)).not.toBeNaN()
  })

  it('refuses words that do not pass the run’s text check in the child’s words, and keeps nothing', async () => {
    const before = readRunMetadata(server.dataDir, opposite).reflection
    const blocked = await api(server, `/api/runs/${opposite}/reflection`, { method: 'PUT', body: { question_id: 'prefer', text: 'Ich will jemanden töten' }, device: owner })
    expect(blocked.status).toBe(422)
    expect(blocked.body.data.reason).toBe('reflection_blocked')
    expect(blocked.body.data.message.de).toBeTruthy()
    expect(JSON.stringify(blocked.body)).not.toMatch(/töten|violence/)
    expect(readRunMetadata(server.dataDir, opposite).reflection).toEqual(before)
  })

  it('answers every wrong answer with a status and a sentence', async () => {
    const put = (body: unknown, device = owner, runId = opposite) => api(server, `/api/runs/${runId}/reflection`, { method: 'PUT', body, device })
    const cases: [unknown, number, RegExp][] = [
      [{ question_id: 'rules_changed', chip: 'colours' }, 400, /no question "rules_changed"/],
      [{ question_id: 'prefer', chip: 'purple' }, 400, /no answer "purple"/],
      [{ question_id: 'prefer' }, 400, /chip or some words/],
      [{ question_id: 'prefer', text: '   ' }, 400, /chip or some words/],
      [{ question_id: 'prefer', text: 'x'.repeat(501) }, 413, /500/],
      [{ question_id: 'prefer', chip: 'mine', extra: 1 }, 400, /extra/],
    ]
    for (const [body, code, message] of cases) {
      const response = await put(body)
      expect([response.status, response.body.message], JSON.stringify(body)).toEqual([code, expect.stringMatching(message)])
    }
    expect((await put({ question_id: 'as_imagined', chip: 'yes' }, owner, unfinished)).status).toBe(409)
    for (const device of [classmate, otherClass, nobody, leader]) expect((await put({ question_id: 'prefer', chip: 'mine' }, device)).status).toBe(404)
    expect(readRunMetadata(server.dataDir, opposite).reflection).toHaveLength(2)
  })
})
