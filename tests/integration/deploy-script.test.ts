import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, makeTempDir } from '../support/server'

const DEPLOY_SCRIPT = resolve(import.meta.dirname, '../../deploy/deploy.sh')

/**
 * A tiny app: `node build.mjs` writes the commit it was built for (and fails when BREAK_BUILD
 * exists); server.mjs answers /api/health with its package version and that commit (and exits
 * at once when CRASH exists).
 */
const APP_FILES: Record<string, string> = {
  'build.mjs': `import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
if (existsSync('BREAK_BUILD')) { console.error('build broken on purpose'); process.exit(2) }
mkdirSync('.output', { recursive: true })
writeFileSync('.output/release.json', JSON.stringify({ commit: process.env.AI4ARTSED_COMMIT }))
`,
  'server.mjs': `import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
const here = import.meta.dirname
if (existsSync(here + '/CRASH')) { console.error('crashing on purpose'); process.exit(1) }
const { version } = JSON.parse(readFileSync(here + '/package.json', 'utf8'))
const { commit } = JSON.parse(readFileSync(here + '/.output/release.json', 'utf8'))
createServer((request, response) => {
  response.setHeader('content-type', 'application/json')
  response.end(JSON.stringify(request.url === '/api/health' ? { status: 'ok', version, commit } : {}))
}).listen(Number(process.env.PORT), '127.0.0.1')
`,
}

/** Stands in for systemctl: stops the server it started last, then starts `current/server.mjs`. */
const RESTART_SCRIPT = `set -eu
pidfile="$STATE/server.pid"
if [ -f "$pidfile" ]; then
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
fi
readlink current >> "$STATE/restarts.log"
nohup node current/server.mjs > "$STATE/server.log" 2>&1 &
echo $! > "$pidfile"
`

const git = (repo: string, ...args: string[]) => {
  const result = spawnSync('git', ['-C', repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
  return result.stdout.trim()
}

describe('deploy/deploy.sh', () => {
  const root = makeTempDir('ai4artsed-deploy-')
  const repo = makeTempDir('ai4artsed-deploy-repo-')
  const state = makeTempDir('ai4artsed-deploy-state-')
  let port = 0

  /** Commits the app at `version`, with extra files; answers the commit. */
  function commitApp(version: string, extra: Record<string, string> = {}) {
    for (const file of ['BREAK_BUILD', 'CRASH']) rmSync(join(repo, file), { force: true })
    const files = { ...APP_FILES, 'package.json': JSON.stringify({ name: 'fake-app', version }), ...extra }
    for (const [file, text] of Object.entries(files)) writeFileSync(join(repo, file), text)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', `version ${version}`)
    return git(repo, 'rev-parse', 'HEAD')
  }

  function deploy() {
    const result = spawnSync('bash', [DEPLOY_SCRIPT, 'main'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env, PORT: String(port), STATE: state,
        DEPLOY_ROOT: root, DEPLOY_REPO: repo, INSTALL_CMD: 'echo installing', BUILD_CMD: 'node build.mjs',
        RESTART_CMD: `bash ${join(state, 'restart.sh')}`, HEALTH_TIMEOUT_S: '3', KEEP_RELEASES: '2',
      },
    })
    return { code: result.status, output: result.stdout + result.stderr }
  }

  const current = () => readlinkSync(join(root, 'current'))
  const releases = () => readdirSync(join(root, 'releases')).sort()
  const restarts = () => readFileSync(join(state, 'restarts.log'), 'utf8').trim().split('\n')
  // A fresh connection each time: a kept-alive one may lead to a server the deploy has stopped.
  const health = () => new Promise<Record<string, unknown>>((resolveHealth, reject) => {
    get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (response) => {
      let text = ''
      response.on('data', (chunk) => { text += chunk })
      response.on('end', () => resolveHealth(JSON.parse(text)))
    }).on('error', reject)
  })

  beforeAll(async () => {
    port = await freePort()
    writeFileSync(join(state, 'restart.sh'), RESTART_SCRIPT)
    git(repo, 'init', '-q', '-b', 'main')
  })

  afterAll(() => {
    const pidfile = join(state, 'server.pid')
    if (existsSync(pidfile)) {
      try { process.kill(Number(readFileSync(pidfile, 'utf8'))) }
      catch { /* already gone */ }
    }
  })

  it('switches current to each good release once health reports its version and commit, keeping the newest two', async () => {
    for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
      const commit = commitApp(version)
      const { code, output } = deploy()
      expect(code, output).toBe(0)
      expect(current()).toMatch(new RegExp(`^releases/\\d{8}-\\d{6}-${commit.slice(0, 12)}$`))
      expect(await health()).toEqual({ status: 'ok', version, commit })
      expect(output).toContain(`release ${current().slice('releases/'.length)} is live`)
    }
    expect(releases()).toHaveLength(2)
    expect(restarts()).toHaveLength(3)
    expect(`releases/${releases()[1]}`).toBe(current())
  })

  it('never switches when the build fails, and removes the broken release folder', async () => {
    const before = { current: current(), releases: releases(), restarts: restarts() }
    commitApp('1.3.0', { BREAK_BUILD: 'yes' })
    const { code, output } = deploy()
    expect(code).not.toBe(0)
    expect(output).toContain('build broken on purpose')
    expect(output).toMatch(/FAILED: BUILD failed for [0-9a-f]{40}; current still points to releases\//)
    expect({ current: current(), releases: releases(), restarts: restarts() }).toEqual(before)
    expect((await health()).version).toBe('1.2.0')
  })

  it('rolls back to the previous release and restarts it when the new one never becomes healthy', async () => {
    const before = { current: current(), releases: releases() }
    const restartsBefore = restarts().length
    commitApp('2.0.0', { CRASH: 'yes' })
    const started = Date.now()
    const { code, output } = deploy()
    expect(code, output).toBe(1)
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(output).toContain(`rolling back to ${before.current}`)
    expect(output).toMatch(/FAILED: release \S+ \([0-9a-f]{40}\) did not become healthy; the previous release \S+ is running again/)
    expect({ current: current(), releases: releases() }).toEqual(before)
    // The new release was started once, then the previous one again.
    const [crashed, restored] = restarts().slice(restartsBefore)
    expect(crashed).not.toBe(before.current)
    expect(restored).toBe(before.current)
    expect(restarts()).toHaveLength(restartsBefore + 2)
    expect((await health()).version).toBe('1.2.0')
  })
})
