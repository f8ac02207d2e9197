import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blockedMessage } from '#shared/blocked-messages'
import type { RunStatusView } from '#shared/schemas/run'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, type Device } from '../support/api'
import { createRun, readRunMetadata, runFileNames } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'
import { shippedSafety } from '../support/shipped-content'

// Pig Latin turns "cat" into "atcay" whatever the seed: a school list naming that word makes the
// machine's text fail its check every time, while the child's idea passes.
const MACHINE_WORD = 'atcay'
const IDEA = 'A cat sleeps in the sun'

let server: TestServer
let leader: Device
const safety = shippedSafety()

beforeAll(async () => {
  const content = makeTempDir()
  mkdirSync(join(content, 'safety'))
  writeFileSync(join(content, 'safety', 'machine_words.json'), JSON.stringify({ id: 'machine_words', reason_code: 'profanity', levels: ['kids', 'youth'], terms: [MACHINE_WORD] }))
  server = await startServer({ env: { NUXT_CONTENT_DIR: content, NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
})

afterAll(() => server?.stop())

/** Every file below `dir`, as text. */
function allFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? allFilesUnder(path) : [readFileSync(path, 'latin1')]
  })
}

async function exportedFiles(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/admin/export`, { headers: { cookie: leader.cookieHeader } })
  expect(response.status).toBe(200)
  const dir = makeTempDir('ai4artsed-export-test-')
  writeFileSync(join(dir, 'export.zip'), Buffer.from(await response.arrayBuffer()))
  execFileSync('unzip', ['-q', 'export.zip', '-d', 'out'], { cwd: dir })
  return allFilesUnder(join(dir, 'out'))
}

async function everyResponseAbout(runId: string): Promise<string[]> {
  const student = ['/api/my/runs', `/api/runs/${runId}`, `/api/media/info/${runId}`, `/api/media/run/${runId}`]
  const admin = ['/api/admin/runs', `/api/admin/runs/${runId}`, '/api/admin/sessions/studio/feed', '/api/admin/sessions/studio/wall', '/api/admin/sessions/studio']
  const responses = await Promise.all([
    ...student.map(path => api(server, path)),
    ...admin.map(path => api(server, path, { device: leader })),
  ])
  return [...responses.map(response => JSON.stringify(response.body)), ...await exportedFiles()]
}

describe('the transformed text is checked before anyone sees it', () => {
  it('ends a run whose transformation fails its check as the machine’s mistake, and no response ever carries that text', async () => {
    const runId = await createRun(server, { perspective: 'piglatin', input_text: IDEA, safety_level: 'kids' })
    const seen: RunStatusView[] = []
    for (;;) {
      const { body } = await api<RunStatusView>(server, `/api/runs/${runId}`)
      seen.push(body)
      if (!['queued', 'running'].includes(body.status)) break
    }
    const end = seen.at(-1)!
    expect(end.status).toBe('blocked')
    expect(end.blocked).toEqual({ stage: 'interception_safety', reason_code: 'machine_mistake', message: blockedMessage('machine_mistake') })
    expect(end.blocked!.message.de).toMatch(/Maschine.*nicht du/)
    expect(end.blocked!.message.en).toMatch(/machine.*not you/)
    expect(end.interception_text).toBeNull()
    expect(end.checks_passed).toEqual(['idea'])
    for (const view of seen) expect(JSON.stringify(view).toLowerCase()).not.toContain(MACHINE_WORD)

    const responses = await everyResponseAbout(runId)
    expect(responses.length).toBeGreaterThan(9)
    expect(responses.join('\n')).toContain(runId)
    for (const response of responses) expect(response.toLowerCase()).not.toContain(MACHINE_WORD)

    const run = readRunMetadata(server.dataDir, runId)
    const check = run.stages.find(stage => stage.name === 'interception_safety')!
    expect(check).toMatchObject({ status: 'blocked', provider: 'builtin_safety', detail: { reason_code: 'machine_mistake', text_reason_code: 'profanity', retried_stricter: true } })
    expect(check.detail).not.toHaveProperty('matched')
    expect(run.stages.find(stage => stage.name === 'interception')!.status).toBe('done')
    expect(runFileNames(server.dataDir, runId)).not.toContain('interception.txt')
    expect(run.prompt_history).toEqual([])
  })

  it('shows a text only once its check is done, and says which checks passed', async () => {
    const runId = await createRun(server, { perspective: 'theopposite', input_text: 'A big dog runs in the hot sun', safety_level: 'kids' })
    for (;;) {
      const { body } = await api<RunStatusView>(server, `/api/runs/${runId}`)
      const check = body.stages.find(stage => stage.name === 'interception_safety')!
      if (body.interception_text !== null) expect(check.status).toBe('done')
      if (!['queued', 'running'].includes(body.status)) break
    }
    const { body } = await api<RunStatusView>(server, `/api/runs/${runId}`)
    expect(body.status).toBe('awaiting_output')
    expect(body.interception_text).toBe('A small cat creeps in the cold moon')
    expect(body.checks_passed).toEqual(['idea', 'transformation'])
  })
})

/** Runs an idea at kids and waits until it stops for the student. */
async function transformed(perspective: string, idea: string, seed: number): Promise<RunStatusView> {
  const runId = await createRun(server, { perspective, input_text: idea, safety_level: 'kids', seed })
  for (;;) {
    const { body } = await api<RunStatusView>(server, `/api/runs/${runId}`)
    if (!['queued', 'running'].includes(body.status)) return body
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/**
 * The text a child was shown, after checking it passed the kids lists; '' when the idea itself
 * was blocked (a list may name "knife" for kids: then no perspective ever saw it).
 */
async function expectShownAndHarmless(view: RunStatusView): Promise<string> {
  if (view.status === 'blocked' && view.blocked?.stage === 'input_safety') return ''
  expect(view.status, JSON.stringify(view.blocked)).toBe('awaiting_output')
  const verdict = await safety.check({ text: view.interception_text!, level: 'kids', language: 'en' })
  expect(verdict, view.interception_text!).toEqual({ safe: true })
  return view.interception_text!
}

describe('perspectives never make harm out of harmless ideas (the cases from issue 12)', () => {
  const SEEDS = [0, 1, 7]

  it('theopposite keeps the absence of harm', async () => {
    for (const seed of SEEDS) {
      expect(await expectShownAndHarmless(await transformed('theopposite', 'a man with clothes on at the beach', seed))).not.toMatch(/without/)
      expect(await expectShownAndHarmless(await transformed('theopposite', 'a boy without a knife at school', seed))).toMatch(/^$|without a knife/)
      expect(await expectShownAndHarmless(await transformed('theopposite', 'nobody gets hurt on the playground', seed))).not.toMatch(/everybody|everyone|somebody/)
      expect(await expectShownAndHarmless(await transformed('theopposite', 'a dove of peace', seed))).not.toMatch(/\bwar\b/)
      expect(await expectShownAndHarmless(await transformed('theopposite', 'Niemand wird verletzt und keiner hat Waffen', seed))).not.toMatch(/\b[Jj]emand|\beiner hat/)
    }
  })

  it('stillepost never drifts onto a listed word', async () => {
    for (const seed of SEEDS) {
      for (const idea of ['Ein Nager im Garten', 'Der Nager', 'a witch in the forest', 'ein Rabe', 'Der Rabe fliegt', 'chewing gum', 'gum on the table']) {
        expect(await expectShownAndHarmless(await transformed('stillepost', idea, seed))).not.toMatch(/neger|bitch|rape|\bgun\b/i)
      }
    }
  })

  it('jugendsprache no longer opens with a word the hate list reads as a slur', async () => {
    for (let seed = 0; seed < 12; seed++) {
      expect(await expectShownAndHarmless(await transformed('jugendsprache', 'Ein Hund spielt im Park', seed))).not.toMatch(/digga/i)
    }
  })
})
