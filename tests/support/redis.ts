import { RunMetadata } from '#shared/schemas/run'
import { spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { freePort } from './server'

export interface TestRedis {
  url: string
  port: number
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<void>
  /** SIGKILL, as in a crash. */
  kill: () => Promise<void>
}

/**
 * A throwaway redis-server on loopback, no persistence, on a free port; answers PING before this
 * resolves. With `password` it requires AUTH, and `url` carries the password.
 */
export async function startRedis(options: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort()
  const auth = options.password ? ['--requirepass', options.password] : []
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => { output += chunk })
  child.stderr!.on('data', (chunk) => { output += chunk })
  const exited = new Promise<void>(resolveExit => child.once('exit', () => resolveExit()))
  const url = `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}/0`
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output}`)
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
    client.on('error', () => {})
    const pong = await client.connect().then(() => client.ping(), () => null)
    client.disconnect()
    if (pong === 'PONG') break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`redis-server did not answer PING within 10 s:\n${output}`)
    }
    await new Promise(resolveWait => setTimeout(resolveWait, 50))
  }
  const stopWith = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return { url, port, stop: stopWith('SIGTERM'), kill: stopWith('SIGKILL') }
}

/** metadata.json of a run whose documents live in Redis under `prefix` (NUXT_REDIS_PREFIX). */
export async function readRunMetadataFromRedis(url: string, prefix: string, runId: string) {
  const client = new Redis(url)
  try {
    const raw = await client.get(`${prefix}:runs:${runId}:metadata.json`)
    if (!raw) throw new Error(`Run ${runId} has no metadata in Redis under ${prefix}`)
    return RunMetadata.parse(JSON.parse(raw))
  }
  finally {
    client.disconnect()
  }
}
