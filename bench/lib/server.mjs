import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

// A pared-down copy of tests/support/server.ts: Node 20 cannot import that .ts file and the
// project has no TS runner, so the benches carry this small .mjs twin.

const APP_ENTRY = resolve(import.meta.dirname, '../../.output/server/index.mjs')
const STATIC_ENTRY = resolve(import.meta.dirname, 'static-server.mjs')

export const makeTempDir = (prefix = 'ai4artsed-bench-') => mkdtempSync(join(tmpdir(), prefix))

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolvePort(port))
    })
  })
}

/** The built app (`nuxt build` output) on a loopback port with its own temp data dir. */
export async function startAppServer({ env = {} } = {}) {
  const dataDir = makeTempDir()
  const port = await freePort()
  const server = await startNodeProcess([APP_ENTRY], {
    PORT: String(port), HOST: '127.0.0.1', NUXT_DATA_DIR: dataDir, ...env,
  }, `http://127.0.0.1:${port}`, '/api/health').catch((error) => {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  })
  return {
    ...server,
    dataDir,
    stop: async () => {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The baseline: bench/lib/static-server.mjs serving `root` on a loopback port. */
export async function startStaticServer(root) {
  const port = await freePort()
  return startNodeProcess([STATIC_ENTRY, root, String(port)], {}, `http://127.0.0.1:${port}`, '/')
}

async function startNodeProcess(args, env, url, readyPath) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => { output += chunk })
  child.stderr.on('data', (chunk) => { output += chunk })
  const exited = new Promise(resolveExit => child.once('exit', resolveExit))
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited with ${child.exitCode} before it answered:\n${output}`)
    if (await fetch(`${url}${readyPath}`).then(response => response.status < 500, () => false)) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${args[0]} did not answer within 20 s:\n${output}`)
    }
    await new Promise(resolveWait => setTimeout(resolveWait, 100))
  }
  return {
    url,
    pid: child.pid,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
