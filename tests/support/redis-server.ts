import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createConnection } from 'node:net'
import { freePort } from './server'

export interface TestRedis {
  url: string
  port: number
  /** SHUTDOWN NOSAVE via SIGTERM; waits for the exit. */
  stop: () => Promise<void>
  kill: () => Promise<void>
}

/** A throwaway redis-server on a free loopback port, nothing persisted. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const exited = once(child, 'exit')
  const deadline = Date.now() + 10_000
  while (!await ping(port)) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} before it answered`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error('redis-server did not answer PING within 10 s')
    }
    await new Promise(resolveWait => setTimeout(resolveWait, 50))
  }
  const stopWith = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return { url: `redis://127.0.0.1:${port}/0`, port, stop: stopWith('SIGTERM'), kill: stopWith('SIGKILL') }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolvePing) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    socket.once('error', () => resolvePing(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (chunk) => {
      socket.destroy()
      resolvePing(chunk.toString().startsWith('+PONG'))
    })
  })
}
