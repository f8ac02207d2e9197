import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** Every test server has it, so tests read /api/health's details as monitoring does (healthDetails in api.ts). */
export const TEST_HEALTH_TOKEN = 'test-health-token-0123456789'

const SERVER_ENTRY = resolve(import.meta.dirname, '../../.output/server/index.mjs')

export interface TestServer {
  url: string
  port: number
  dataDir: string
  process: ChildProcess
  /** Everything the server printed, for assertions and for debugging a failed test. */
  output: () => string
  stop: () => Promise<void>
  /** SIGKILL: no shutdown hooks, as in a crash or power cut. */
  kill: () => Promise<void>
}

export const makeTempDir = (prefix = 'ai4artsed-test-') => mkdtempSync(join(tmpdir(), prefix))

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolvePort(port))
    })
  })
}

/**
 * Most tests play a whole class from one device (the default device of support/api.ts): the open
 * studio's limits per participant would stop them, so they are raised. `studioLimits: 'real'` keeps
 * the defaults, for the tests of the limits themselves. The address limits stay as shipped.
 */
const ONE_DEVICE_PLAYS_A_CLASS = { NUXT_STUDIO_RUNS_PER_HOUR: '1000', NUXT_STUDIO_RUNS_IN_PROGRESS: '100' }

export interface ServerOptions { dataDir?: string, env?: Record<string, string>, port?: number, studioLimits?: 'real' | 'raised' }

/** Starts the built server (`nuxt build` output) on a free port and waits for /api/health. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeTempDir()
  const port = options.port ?? await freePort()
  const studioLimits = options.studioLimits === 'real' ? {} : ONE_DEVICE_PLAYS_A_CLASS
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NUXT_DATA_DIR: dataDir, NUXT_HEALTH_TOKEN: TEST_HEALTH_TOKEN, ...studioLimits, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => { output += chunk })
  child.stderr!.on('data', (chunk) => { output += chunk })
  const exited = new Promise<void>(resolveExit => child.once('exit', () => resolveExit()))
  const url = `http://127.0.0.1:${port}`
  await waitForHealth(url, child, () => output)
  const stopWith = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return { url, port, dataDir, process: child, output: () => output, stop: stopWith('SIGTERM'), kill: stopWith('SIGKILL') }
}

/**
 * Starts the built server without waiting for health, for settings it must refuse: its exit code
 * and everything it printed. A server still running after `timeoutMs` is killed (code null).
 */
export async function startExpectingExit(options: { dataDir?: string, env?: Record<string, string>, port?: number, timeoutMs?: number } = {}): Promise<{ code: number | null, output: string }> {
  const port = options.port ?? await freePort()
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NUXT_DATA_DIR: options.dataDir ?? makeTempDir(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => { output += chunk })
  child.stderr!.on('data', (chunk) => { output += chunk })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000)
  const code = await new Promise<number | null>(resolveExit => child.once('exit', exitCode => resolveExit(exitCode)))
  clearTimeout(timer)
  return { code, output }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server exited with ${child.exitCode} before it was healthy:\n${output()}`)
    const healthy = await fetch(`${url}/api/health`).then(response => response.ok, () => false)
    if (healthy) return
    await new Promise(resolveWait => setTimeout(resolveWait, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`Server did not become healthy within 20 s:\n${output()}`)
}
