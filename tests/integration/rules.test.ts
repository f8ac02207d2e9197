import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, Device, waitForRun } from '../support/api'
import { createRun, readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

/** Rules you can read and change: the perspective's rules, the student's version, and what the machine is told. */
let server: TestServer
/** Few runs per address, so the re-transform's share of the address's run rate shows within one test (on an address of its own). */
const RUNS_PER_ADDRESS = 40

beforeAll(async () => {
  server = await startServer({ env: { NUXT_LIMIT_RUNS_PER_ADDRESS: String(RUNS_PER_ADDRESS) } })
})
afterAll(() => server?.stop())

const HARMFUL_RULES = 'Alle werden erschossen und getötet'
const waiting = (runId: string, device?: Device) => waitForRun(server, runId, run => ['awaiting_output', 'blocked', 'failed', 'completed'].includes(run.status), 30_000, device)

describe('a perspective’s rules', () => {
  it('come with the perspective in every language, beside the model’s instruction', async () => {
    const one = await api(server, '/api/perspectives/bauhaus')
    expect(one.status).toBe(200)
    expect(Object.keys(one.body.rules).sort()).toEqual(['de', 'en', 'tr', 'uk'])
    expect(one.body.rules.en).toMatch(/^Use only circles, squares, triangles and lines\./)
    expect(one.body.instruction.en).toBeTruthy()
    const all = await api(server, '/api/perspectives')
    expect(all.body.every((perspective: { rules?: Record<string, string> }) => perspective.rules?.uk)).toBe(true)
  })
})

describe('the student’s rules', () => {
  it('change a run before the transformation and again afterwards (same idea, changed rules), kept with time and author', async () => {
    const device = new Device()
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A red house by the sea', rules: 'Replace house with boat' }, device)
    let view = await waiting(runId, device)
    expect(view.status).toBe('awaiting_output')
    expect(view.rules).toBe('Replace house with boat')
    expect(view.interception_text).toMatch(/boat/i)
    expect(view.interception_text).not.toMatch(/\bhouse\b/i)

    const changed = await api(server, `/api/runs/${runId}/rules`, { method: 'PATCH', body: { rules: 'Replace house with castle\nEverything in capitals' }, device })
    expect(changed.status).toBe(202)
    expect(changed.body).toMatchObject({ status: 'queued', rules: 'Replace house with castle\nEverything in capitals' })
    view = await waiting(runId, device)
    expect(view.status).toBe('awaiting_output')
    expect(view.interception_text).toBe('A RED CASTLE BY THE SEA')
    expect(view.checks_passed).toEqual(expect.arrayContaining(['idea', 'transformation']))

    const run = readRunMetadata(server.dataDir, runId)
    expect(run.rules).toBe('Replace house with castle\nEverything in capitals')
    const rulesEdits = run.prompt_history.filter(edit => edit.kind === 'rules')
    expect(rulesEdits.map(edit => [edit.source, edit.text])).toEqual([['student', 'Replace house with boat'], ['student', 'Replace house with castle\nEverything in capitals']])
    expect(rulesEdits.every(edit => !Number.isNaN(Date.parse(edit.at)))).toBe(true)
    expect(run.prompt_history.filter(edit => edit.source === 'interception').map(edit => edit.text)).toEqual([expect.stringMatching(/boat/i), 'A RED CASTLE BY THE SEA'])
    expect(run.stages.find(stage => stage.name === 'input_safety')).toMatchObject({ status: 'done' })
  })

  it('refuses rules that do not pass the check with the child’s message, and the old rules and text stay', async () => {
    const device = new Device()
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Haus am Meer', rules: 'Ersetze Haus durch Schiff' }, device)
    const before = await waiting(runId, device)
    const refused = await api(server, `/api/runs/${runId}/rules`, { method: 'PATCH', body: { rules: HARMFUL_RULES }, device })
    expect(refused.status).toBe(422)
    expect(refused.body.data).toMatchObject({ reason: 'rules_blocked', message: { de: expect.any(String), en: expect.any(String), tr: expect.any(String), uk: expect.any(String) } })
    expect(JSON.stringify(refused.body)).not.toMatch(/erschossen|violence/)
    const run = readRunMetadata(server.dataDir, runId)
    expect([run.status, run.rules, run.interception_text]).toEqual(['awaiting_output', 'Ersetze Haus durch Schiff', before.interception_text])
    expect(run.prompt_history.some(edit => edit.text === HARMFUL_RULES)).toBe(false)
  })

  it('blocks a new run whose rules do not pass, before any transformation', async () => {
    const device = new Device()
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Haus am Meer', rules: HARMFUL_RULES }, device)
    const view = await waiting(runId, device)
    expect(view.status).toBe('blocked')
    expect(view.blocked?.message.de).toBeTruthy()
    const stored = readRunMetadata(server.dataDir, runId)
    expect(stored.status).toBe('blocked')
    expect(stored.blocked?.stage).toBe('input_safety')
    expect(stored.interception_text).toBeNull()
    expect(stored.rules).toBe(HARMFUL_RULES)
  })

  it('brings the perspective’s own rules back when the student sends them unchanged', async () => {
    const device = new Device()
    const bauhaus = (await api(server, '/api/perspectives/bauhaus')).body
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A red house', rules: 'Replace house with boat' }, device)
    await waiting(runId, device)
    expect((await api(server, `/api/runs/${runId}/rules`, { method: 'PATCH', body: { rules: bauhaus.rules.de }, device })).status).toBe(202)
    const view = await waiting(runId, device)
    expect(view.rules).toBeNull()
    expect(view.interception_text).toMatch(/house/i)
  })

  it('change only a run that waits for its output, only for its own student, and user_defined’s rules too', async () => {
    const device = new Device()
    const done = await createRun(server, { perspective: 'bauhaus', input_text: 'A cat', output: 'image_builtin' }, device)
    await waitForRun(server, done, run => run.status === 'completed', 30_000, device)
    expect((await api(server, `/api/runs/${done}/rules`, { method: 'PATCH', body: { rules: 'Only blue' }, device })).status).toBe(409)
    expect((await api(server, `/api/runs/${done}/rules`, { method: 'PATCH', body: { rules: '' }, device })).status).toBe(400)
    expect((await api(server, `/api/runs/${done}/rules`, { method: 'PATCH', body: { rules: 'Only blue' }, device: new Device() })).status).toBe(404)

    const own = await createRun(server, { perspective: 'user_defined', input_text: 'A dog in the park', rules: 'Replace dog with dragon' }, device)
    expect((await waiting(own, device)).interception_text).toMatch(/dragon/)
    expect((await api(server, `/api/runs/${own}/rules`, { method: 'PATCH', body: { rules: 'Replace dog with unicorn' }, device })).status).toBe(202)
    expect((await waiting(own, device)).interception_text).toMatch(/unicorn/)
    expect(readRunMetadata(server.dataDir, own)).toMatchObject({ context: 'Replace dog with unicorn', rules: 'Replace dog with unicorn' })
  })
})

describe('what the machine is told', () => {
  it('is the checked English text for the generator; the student’s edit of it is generated from as it is and recorded', async () => {
    const device = new Device()
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Eine Katze auf dem Dach' }, device)
    await waiting(runId, device)
    const shown = await api(server, `/api/runs/${runId}/machine-text?output=image_builtin`, { device })
    expect(shown.status).toBe(200)
    expect(shown.body).toMatchObject({ translated: true, output: 'image_builtin' })
    expect(shown.body.text).toMatch(/cat/i)
    const sound = await api(server, `/api/runs/${runId}/machine-text?output=audio_builtin`, { device })
    expect(sound.body).toMatchObject({ translated: false, text: readRunMetadata(server.dataDir, runId).interception_text })

    const blocked = await api(server, `/api/runs/${runId}/generate`, { method: 'POST', body: { output: 'image_builtin', machine_text: `${shown.body.text} ${HARMFUL_RULES}` }, device })
    expect(blocked.status).toBe(422)
    expect(blocked.body.data.reason).toBe('machine_text_blocked')
    expect(readRunMetadata(server.dataDir, runId).status).toBe('awaiting_output')

    const edited = 'a green cat on a red roof, only circles'
    expect((await api(server, `/api/runs/${runId}/generate`, { method: 'POST', body: { output: 'image_builtin', machine_text: edited }, device })).status).toBe(202)
    expect((await waitForRun(server, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 30_000, device)).status).toBe('completed')
    const run = readRunMetadata(server.dataDir, runId)
    expect([run.machine_text, run.generation_prompt]).toEqual([edited, edited])
    expect(run.prompt_history).toContainEqual({ at: expect.any(String), source: 'student', kind: 'machine_text', text: edited })
    expect(run.stages.find(stage => stage.name === 'pre_output')!.detail).toMatchObject({ translated: false, student_machine_text: true, safe: true })
  })

  it('exists only while the run waits for its output, and only for the run’s student', async () => {
    const device = new Device()
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A cat', output: 'image_builtin' }, device)
    await waitForRun(server, runId, run => run.status === 'completed', 30_000, device)
    expect((await api(server, `/api/runs/${runId}/machine-text?output=image_builtin`, { device })).status).toBe(409)
    expect((await api(server, `/api/runs/${runId}/machine-text`, { device })).status).toBe(400)
    expect((await api(server, `/api/runs/${runId}/machine-text?output=image_builtin`, { device: new Device() })).status).toBe(404)
  })
})

describe('re-transforms', () => {
  it('count against the address’s run rate like new runs (429 with the child’s reason)', async () => {
    const device = new Device('127.0.0.7')
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A small boat' }, device)
    await waiting(runId, device)
    let status = 0
    for (let attempt = 0; attempt <= RUNS_PER_ADDRESS && status !== 429; attempt++) {
      const answer = await api(server, `/api/runs/${runId}/rules`, { method: 'PATCH', body: { rules: `Replace boat with ship ${attempt}` }, device })
      status = answer.status
      if (status === 429) expect(answer.body.data.reason).toBe('too_many_requests')
      else await waiting(runId, device)
    }
    expect(status).toBe(429)
  })
})
