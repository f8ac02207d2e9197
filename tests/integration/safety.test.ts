import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOCKED_REASON_CODES } from '#shared/blocked-messages'
import { waitForRun } from '../support/api'
import { createRun, readRunMetadata, runFileNames } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

const VIOLENT_IDEA = 'Ich will jemanden töten'
const SPOOKY_IDEA = 'Ein Zombie tanzt im Garten'

let youth: TestServer
let adult: TestServer

beforeAll(async () => {
  ;[youth, adult] = await Promise.all([startServer(), startServer({ env: { NUXT_SAFETY_LEVEL: 'adult' } })])
})

afterAll(async () => {
  await Promise.all([youth?.stop(), adult?.stop()])
})

describe('input safety', () => {
  it('blocks a violent idea at youth level with a child-friendly message and makes no media', async () => {
    const runId = await createRun(youth, { perspective: 'bauhaus', input_text: VIOLENT_IDEA, output: 'image_builtin' })
    const view = await waitForRun(youth, runId)
    expect(view.status).toBe('blocked')
    expect(view.outputs).toEqual([])

    const run = readRunMetadata(youth.dataDir, runId)
    expect(run.status).toBe('blocked')
    expect(run.safety_level).toBe('youth')
    expect(run.blocked).toMatchObject({ stage: 'input_safety', reason_code: 'violence' })
    expect(view.blocked).toEqual(run.blocked)
    const { de, en } = run.blocked!.message
    for (const message of [de, en]) {
      expect(message.length).toBeGreaterThan(20)
      for (const code of BLOCKED_REASON_CODES) expect(message).not.toContain(code)
      expect(message.toLowerCase()).not.toContain('töten')
    }
    expect(de).not.toBe(en)

    expect(run.stages.map(stage => stage.status)).toEqual(['blocked', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending'])
    expect(run.interception_text).toBeNull()
    expect(run.outputs).toEqual([])
    expect(runFileNames(youth.dataDir, runId).filter(name => /^(output|thumbnail)-/.test(name))).toEqual([])
  })

  it('lets a kids-level request make a youth server stricter', async () => {
    const [asServer, asKids] = await Promise.all([
      createRun(youth, { perspective: 'bauhaus', input_text: SPOOKY_IDEA }),
      createRun(youth, { perspective: 'bauhaus', input_text: SPOOKY_IDEA, safety_level: 'kids' }),
    ])
    expect((await waitForRun(youth, asServer)).status).toBe('awaiting_output')
    expect(readRunMetadata(youth.dataDir, asServer).safety_level).toBe('youth')

    expect((await waitForRun(youth, asKids)).status).toBe('blocked')
    const run = readRunMetadata(youth.dataDir, asKids)
    expect(run.safety_level).toBe('kids')
    expect(run.blocked).toMatchObject({ stage: 'input_safety', reason_code: 'horror' })
  })

  it('keeps a youth server at youth when a request asks for research', async () => {
    const runId = await createRun(youth, { perspective: 'bauhaus', input_text: VIOLENT_IDEA, safety_level: 'research', output: 'image_builtin' })
    expect((await waitForRun(youth, runId)).status).toBe('blocked')
    const run = readRunMetadata(youth.dataDir, runId)
    expect(run.safety_level).toBe('youth')
    expect(run.blocked?.reason_code).toBe('violence')
    expect(run.outputs).toEqual([])
  })

  it('follows the level the server is configured with, and a request can still make it stricter', async () => {
    const [allowed, stricter] = await Promise.all([
      createRun(adult, { perspective: 'bauhaus', input_text: VIOLENT_IDEA }),
      createRun(adult, { perspective: 'bauhaus', input_text: VIOLENT_IDEA, safety_level: 'youth' }),
    ])
    expect((await waitForRun(adult, allowed)).status).toBe('awaiting_output')
    expect(readRunMetadata(adult.dataDir, allowed).safety_level).toBe('adult')
    expect((await waitForRun(adult, stricter)).status).toBe('blocked')
    expect(readRunMetadata(adult.dataDir, stricter).safety_level).toBe('youth')
  })
})
