import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeLlm, startFakeLlm } from '../fakes/fake-llm'
import { api, waitForRun } from '../support/api'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { createRun, download, readRunMetadata } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'

const require = createRequire(import.meta.url)
const MODEL_DIR = join(dirname(require.resolve('nsfwjs/models/mobilenet_v2')), '..', '..', 'models', 'mobilenet_v2')
const IDEA = { perspective: 'bauhaus', input_text: 'Ein rotes Haus am Meer', output: 'image_builtin', safety_level: 'kids' }
const LEADER_ENV = { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }

/** A school content dir whose kids limit every picture reaches: a harmless built-in picture is blocked. */
function strictContentDir() {
  const dir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(dir, 'image_check'))
  writeFileSync(join(dir, 'image_check', 'thresholds.json'), JSON.stringify({ kids: { neutral: 0 } }))
  return dir
}

/**
 * The real model, but its topology file is a named pipe: the classifier cannot load until the test
 * writes the file into it, so the picture waits in output_safety for as long as the test wants.
 */
function modelDirOnHold() {
  const dir = makeTempDir('ai4artsed-model-')
  for (const file of readdirSync(MODEL_DIR).filter(name => name !== 'model.min.js')) copyFileSync(join(MODEL_DIR, file), join(dir, file))
  execFileSync('mkfifo', [join(dir, 'model.min.js')])
  return { dir, release: () => writeFileSync(join(dir, 'model.min.js'), readFileSync(join(MODEL_DIR, 'model.min.js'))) }
}

const mediaStatus = async (server: TestServer, path: string, device?: Awaited<ReturnType<typeof signInAsLeader>>) =>
  (await api(server, path, { device })).status

let kids: TestServer
let strict: TestServer
let noModel: TestServer
let onHold: TestServer
let withVision: TestServer
let vision: FakeLlm
const held = modelDirOnHold()

beforeAll(async () => {
  // One after the other: each loads the model as it starts.
  kids = await startServer({ env: { NUXT_SAFETY_LEVEL: 'kids' } })
  strict = await startServer({ env: { ...LEADER_ENV, NUXT_CONTENT_DIR: strictContentDir() } })
  noModel = await startServer({ env: { ...LEADER_ENV, NUXT_IMAGE_CHECK_MODEL_DIR: join(makeTempDir(), 'missing-model') } })
  onHold = await startServer({ env: { ...LEADER_ENV, NUXT_IMAGE_CHECK_MODEL_DIR: held.dir } })
  vision = await startFakeLlm({ models: ['llama3.2-vision:latest'], visionModels: ['llama3.2-vision:latest'] })
  const providers = {
    backends: [{ id: 'gpu', type: 'ollama', url: vision.url, timeout_s: 10, retries: 0 }],
    stages: { image_safety: { backend: 'gpu', model: 'llama3.2-vision:latest' } },
  }
  withVision = await startServer({ env: { ...LEADER_ENV, NUXT_SAFETY_LEVEL: 'kids', NUXT_PROVIDERS: JSON.stringify(providers) } })
}, 180_000)

afterAll(async () => {
  await Promise.all([kids?.stop(), strict?.stop(), noModel?.stop(), onHold?.stop(), withVision?.stop(), vision?.close()])
})

describe('the picture check (output_safety)', () => {
  it('records the classifier, its model, scores and duration for a kids picture and then shows it', async () => {
    const runId = await createRun(kids, IDEA)
    const view = await waitForRun(kids, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 120_000)
    expect(view.status).toBe('completed')
    const stage = readRunMetadata(kids.dataDir, runId).stages.find(candidate => candidate.name === 'output_safety')!
    expect(stage).toMatchObject({ status: 'done', provider: 'nsfwjs', model: 'mobilenet_v2', error: null, detail: { outcome: 'passed' } })
    expect(stage.duration_ms).toBeGreaterThan(0)
    const [report] = (stage.detail as { classifiers: { scores: Record<string, number>, duration_ms: number }[] }).classifiers
    expect(Object.keys(report!.scores).sort()).toEqual(['drawing', 'hentai', 'neutral', 'porn', 'sexy'])
    expect(Object.values(report!.scores).reduce((sum, score) => sum + score, 0)).toBeCloseTo(1, 2)
    expect((await download(kids, view.outputs[0]!.url)).bytes.subarray(1, 4).toString()).toBe('PNG')
    expect(kids.output()).toMatch(/\[image-check\] nsfwjs mobilenet_v2 loaded in \d+ ms/)
  })

  it('records a skip for audio, which is not a picture', async () => {
    const runId = await createRun(kids, { ...IDEA, output: 'audio_builtin' })
    expect((await waitForRun(kids, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 120_000)).status).toBe('completed')
    expect(readRunMetadata(kids.dataDir, runId).stages.find(stage => stage.name === 'output_safety')).toMatchObject({ status: 'skipped', detail: { reason: 'audio is not a picture; only pictures are checked' } })
  })

  it('blocks a picture over a school\'s limit with a kind message; the student never gets the file, a leader does', async () => {
    const runId = await createRun(strict, IDEA)
    const view = await waitForRun(strict, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 120_000)
    expect(view).toMatchObject({ status: 'blocked', outputs: [], blocked: { stage: 'output_safety', reason_code: 'image_unsafe' } })
    expect(view.blocked!.message.de).not.toMatch(/neutral|image_unsafe/)
    const run = readRunMetadata(strict.dataDir, runId)
    const stage = run.stages.find(candidate => candidate.name === 'output_safety')!
    expect(stage).toMatchObject({ status: 'blocked', provider: 'nsfwjs', detail: { outcome: 'blocked', withheld: ['output-image.png', 'thumbnail-image.webp'] } })
    for (const path of [`/api/runs/${runId}/media/output-image.png`, `/api/runs/${runId}/media/thumbnail-image.webp`, `/api/media/image/${runId}`]) {
      expect(await mediaStatus(strict, path), path).toBe(404)
    }
    const leader = await signInAsLeader(strict)
    expect(await mediaStatus(strict, `/api/runs/${runId}/media/output-image.png`, leader)).toBe(200)
  })

  it('fails closed when the classifier cannot load: the picture is withheld and the leader reads why', async () => {
    const runId = await createRun(noModel, IDEA)
    const view = await waitForRun(noModel, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 120_000)
    expect(view).toMatchObject({ status: 'blocked', outputs: [], blocked: { stage: 'output_safety', reason_code: 'safety_unavailable' } })
    expect(await mediaStatus(noModel, `/api/runs/${runId}/media/output-image.png`)).toBe(404)
    const leader = await signInAsLeader(noModel)
    const detail = await api(noModel, `/api/admin/runs/${runId}`, { device: leader })
    const stage = detail.body.run.stages.find((candidate: { name: string }) => candidate.name === 'output_safety')
    expect(stage).toMatchObject({ status: 'blocked' })
    expect(stage.error).toMatch(/picture withheld: the check could not run: nsfwjs \(missing-model\): the image classifier could not load from .*missing-model/)
  })

  it('serves nothing of the picture while it is being checked, and all of it once it passed', async () => {
    const runId = await createRun(onHold, IDEA)
    await waitForRun(onHold, runId, run => run.stage === 'output_safety', 120_000)
    const view = await waitForRun(onHold, runId, () => true)
    expect(view).toMatchObject({ status: 'running', stage: 'output_safety', outputs: [] })
    for (const path of [`/api/runs/${runId}/media/output-image.png`, `/api/runs/${runId}/media/thumbnail-image.webp`, `/api/media/image/${runId}`]) {
      expect(await mediaStatus(onHold, path), path).toBe(404)
    }
    expect((await api(onHold, `/api/media/info/${runId}`)).body.outputs).toEqual([])
    expect((await api(onHold, '/api/my/runs')).body.runs.find((run: { run_id: string }) => run.run_id === runId)?.thumbnail_url ?? null).toBeNull()

    held.release()
    const done = await waitForRun(onHold, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 120_000)
    expect(done.status).toBe('completed')
    expect(await mediaStatus(onHold, `/api/runs/${runId}/media/output-image.png`)).toBe(200)
    expect(await mediaStatus(onHold, done.outputs[0]!.thumbnail_url!)).toBe(200)
  })
})

describe('a vision model beside the offline classifier (image_safety)', () => {
  const finished = (server: TestServer, runId: string) => waitForRun(server, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 120_000)

  it('lets a picture through only when both looked and neither found it over the kids limits, and records both', async () => {
    vision.setPictureScores({ violence: 0.1 })
    const runId = await createRun(withVision, IDEA)
    expect((await finished(withVision, runId)).status).toBe('completed')
    const stage = readRunMetadata(withVision.dataDir, runId).stages.find(candidate => candidate.name === 'output_safety')!
    expect(stage).toMatchObject({ status: 'done', provider: 'nsfwjs+gpu', model: 'mobilenet_v2+llama3.2-vision:latest' })
    const reports = (stage.detail as { classifiers: { provider: string, scores: Record<string, number> }[] }).classifiers
    expect(reports.map(report => [report.provider, report.scores.violence ?? null])).toEqual([['nsfwjs', null], ['gpu', 0.1]])
    const chat = vision.requests.findLast(request => request.path === '/api/chat')!.body as { messages: { images: string[] }[] }
    expect(Buffer.from(chat.messages[0]!.images[0]!, 'base64').subarray(1, 4).toString()).toBe('PNG')
  })

  it('withholds a picture the vision model finds violent, with the kind message', async () => {
    vision.setPictureScores({ 'violence': 0.9, 'violence/graphic': 0.7 })
    const runId = await createRun(withVision, IDEA)
    expect(await finished(withVision, runId)).toMatchObject({ status: 'blocked', outputs: [], blocked: { stage: 'output_safety', reason_code: 'image_unsafe' } })
    expect(await mediaStatus(withVision, `/api/runs/${runId}/media/output-image.png`)).toBe(404)
  })

  it('withholds the picture when the vision model cannot be reached (fail closed), and the leader reads why', async () => {
    vision.setPictureScores({})
    await vision.down()
    try {
      const runId = await createRun(withVision, IDEA)
      expect(await finished(withVision, runId)).toMatchObject({ status: 'blocked', outputs: [], blocked: { reason_code: 'safety_unavailable' } })
      const stage = readRunMetadata(withVision.dataDir, runId).stages.find(candidate => candidate.name === 'output_safety')!
      expect(stage.error).toMatch(/picture withheld: the check could not run: gpu \(llama3.2-vision:latest\): gpu \(http:\/\/127.0.0.1:\d+\) could not be reached/)
    }
    finally {
      await vision.up()
    }
  })
})
