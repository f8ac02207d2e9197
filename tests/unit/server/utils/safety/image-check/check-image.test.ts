import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImageThresholds } from '#shared/schemas/image-check'
import { checkImage } from '../../../../../../server/utils/safety/image-check/check-image'
import type { ImageClassifier } from '../../../../../../server/utils/safety/image-check/image-classifier'
import { loadImageThresholds, SHIPPED_THRESHOLDS } from '../../../../../../server/utils/safety/image-check/load-thresholds'
import { NsfwClassifier } from '../../../../../../server/utils/safety/image-check/nsfw-classifier'
import { makeTempDir } from '../../../../../support/server'

const thresholds: ImageThresholds = { kids: { porn: 0.2, sexy: 0.4 }, youth: { porn: 0.5 }, adult: null, research: { porn: 0.9 } }
const picture = Buffer.from('not decoded by the test doubles')

function scoring(scores: Record<string, number>, id = 'double'): ImageClassifier {
  return { id, model: 'm1', scores: async () => scores }
}

describe('checkImage', () => {
  it('passes a picture whose scores are all under the level\'s limits and reports them', async () => {
    const verdict = await checkImage(picture, 'kids', { classifiers: [scoring({ porn: 0.1, sexy: 0.39, neutral: 0.5 })], thresholds })
    expect(verdict).toMatchObject({ outcome: 'passed', reports: [{ provider: 'double', model: 'm1', scores: { porn: 0.1, sexy: 0.39, neutral: 0.5 }, over_limit: [], error: null }] })
    expect(verdict.reports[0]!.duration_ms).toBeGreaterThanOrEqual(0)
  })

  it('blocks a score at the limit, per level: the same scores pass at youth', async () => {
    const check = { classifiers: [scoring({ porn: 0.2, sexy: 0.1 })], thresholds }
    expect(await checkImage(picture, 'kids', check)).toMatchObject({ outcome: 'blocked', reason_code: 'image_unsafe', reports: [{ over_limit: [{ name: 'porn', score: 0.2, limit: 0.2 }] }] })
    expect((await checkImage(picture, 'youth', check)).outcome).toBe('passed')
  })

  it('blocks when any one classifier is over a limit, and ignores classes the level does not name', async () => {
    const check = { classifiers: [scoring({ porn: 0 }), scoring({ sexy: 0.8, violence: 1 }, 'vision')], thresholds }
    expect(await checkImage(picture, 'kids', check)).toMatchObject({ outcome: 'blocked', reports: [{ over_limit: [] }, { provider: 'vision', over_limit: [{ name: 'sexy' }] }] })
    expect((await checkImage(picture, 'youth', { classifiers: [scoring({ sexy: 1 })], thresholds })).outcome).toBe('passed')
  })

  it('withholds the picture when a classifier throws (fail closed), naming why for the leader', async () => {
    const broken: ImageClassifier = { id: 'nsfwjs', model: 'mobilenet_v2', scores: async () => { throw new Error('model file missing') } }
    const verdict = await checkImage(picture, 'kids', { classifiers: [scoring({ porn: 0 }), broken], thresholds })
    expect(verdict).toMatchObject({ outcome: 'unavailable', reason_code: 'safety_unavailable', error: 'nsfwjs (mobilenet_v2): model file missing' })
  })

  it('withholds the picture when no classifier is configured', async () => {
    expect((await checkImage(picture, 'youth', { classifiers: [], thresholds })).outcome).toBe('unavailable')
  })

  it('skips a level without limits and checks one that has them', async () => {
    expect(await checkImage(picture, 'adult', { classifiers: [scoring({ porn: 1 })], thresholds })).toMatchObject({ outcome: 'skipped', reason: 'pictures are not checked at the adult level' })
    expect((await checkImage(picture, 'research', { classifiers: [scoring({ porn: 0.95 })], thresholds })).outcome).toBe('blocked')
  })

  it('fails closed with the real classifier when its model folder does not exist', async () => {
    const classifier = new NsfwClassifier(join(makeTempDir(), 'no-model-here'))
    const verdict = await checkImage(picture, 'kids', { classifiers: [classifier], thresholds: SHIPPED_THRESHOLDS })
    expect(verdict.outcome).toBe('unavailable')
    expect(verdict.outcome === 'unavailable' && verdict.error).toMatch(/could not load from .*no-model-here/)
  })
})

describe('loadImageThresholds', () => {
  function contentDir(file?: string) {
    const dir = makeTempDir()
    if (file !== undefined) {
      mkdirSync(join(dir, 'image_check'))
      writeFileSync(join(dir, 'image_check', 'thresholds.json'), file)
    }
    return dir
  }

  it('checks kids and youth and skips adult and research when the school sets nothing', async () => {
    const { thresholds, problems } = await loadImageThresholds(contentDir())
    expect(problems).toEqual([])
    expect(thresholds.kids.porn).toBeLessThan(thresholds.youth.porn!)
    expect(thresholds).toMatchObject({ adult: null, research: null })
  })

  it('takes the levels a school names and keeps the shipped ones for the rest', async () => {
    const { thresholds } = await loadImageThresholds(contentDir('\uFEFF{ "kids": { "porn": 0.05 }, "adult": { "porn": 0.8 } }'))
    expect(thresholds).toEqual({ ...SHIPPED_THRESHOLDS, kids: { porn: 0.05 }, adult: { porn: 0.8 } })
  })

  it('refuses a school file that would switch the kids check off, and keeps the shipped limits', async () => {
    const { thresholds, problems } = await loadImageThresholds(contentDir('{ "kids": null }'))
    expect(thresholds).toBe(SHIPPED_THRESHOLDS)
    expect(problems[0]).toMatch(/thresholds\.json: kids: .*the shipped limits apply/)
  })

  it('reports a file that is not JSON or has a limit outside 0–1', async () => {
    expect((await loadImageThresholds(contentDir('{ kids'))).problems[0]).toMatch(/not valid JSON/)
    expect((await loadImageThresholds(contentDir('{ "youth": { "porn": 2 } }'))).problems[0]).toMatch(/youth\.porn/)
  })
})
