import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, ensureJoined, waitForRun } from '../support/api'
import { makeTempDir, startServer, type TestServer } from '../support/server'

const ownPerspective = {
  id: 'schulhof', name: { de: 'Schulhof', en: 'Schoolyard' }, description: { de: 'Alles spielt auf dem Schulhof.', en: 'Everything happens in the schoolyard.' },
  category: 'own', icon: '🏫', colour: '#9fd3c7', instruction: { de: 'Verlege die Idee auf den Schulhof.', en: 'Move the idea to the schoolyard.' },
  minimum_age: 0, default_output: 'image',
}

let server: TestServer

beforeAll(async () => {
  const content = makeTempDir()
  mkdirSync(join(content, 'perspectives'))
  mkdirSync(join(content, 'safety'))
  writeFileSync(join(content, 'perspectives', 'schulhof.json'), JSON.stringify(ownPerspective))
  writeFileSync(join(content, 'perspectives', 'kaputt.json'), JSON.stringify({ ...ownPerspective, id: 'kaputt', colour: 'blue' }))
  writeFileSync(join(content, 'perspectives', 'bauhaus.json'), JSON.stringify({ ...ownPerspective, id: 'bauhaus', name: { de: 'Unser Bauhaus', en: 'Our Bauhaus' } }))
  writeFileSync(join(content, 'safety', 'school_words.json'), JSON.stringify({ id: 'school_words', reason_code: 'profanity', levels: ['kids', 'youth'], terms: ['hausaufgabenverweigerung'] }))
  server = await startServer({ env: { NUXT_CONTENT_DIR: content } })
})

afterAll(() => server?.stop())

describe("a school's own content folder", () => {
  it('adds its perspectives and replaces a shipped one with the same id', async () => {
    const { body } = await api(server, '/api/perspectives')
    const ids = body.map((perspective: { id: string }) => perspective.id)
    expect(ids).toContain('schulhof')
    expect(ids).toHaveLength(25)
    expect((await api(server, '/api/perspectives/bauhaus')).body.name.de).toBe('Unser Bauhaus')
  })

  it('reports a broken file by name and field on start and still loads the others', async () => {
    expect((await api(server, '/api/perspectives/kaputt')).status).toBe(404)
    await expect.poll(() => server.output()).toMatch(/kaputt\.json: colour: must be a #rrggbb colour/)
  })

  it('blocks with its own safety terms', async () => {
    await ensureJoined(server)
    const { body } = await api(server, '/api/runs', { body: { perspective: 'schulhof', input_text: 'Hausaufgabenverweigerung für alle' } })
    const run = await waitForRun(server, body.run_id)
    expect(run.status).toBe('blocked')
    expect(run.blocked?.stage).toBe('input_safety')
  })
})
