import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { freePort, startExpectingExit } from '../support/server'

/** A plain node server holding `port`, in its own process so that the holder search can find it. */
async function occupy(port: number) {
  const holder = spawn(process.execPath, ['-e', `require('node:http').createServer().listen(${port}, '127.0.0.1', () => console.log('listening'))`], { stdio: ['ignore', 'pipe', 'inherit'] })
  await once(holder.stdout!, 'data')
  return holder
}

describe('starting on a port that is taken', () => {
  it('exits at once with a message naming the port and the process holding it', async () => {
    const port = await freePort()
    const holder = await occupy(port)
    try {
      const started = Date.now()
      const { code, output } = await startExpectingExit({ port, timeoutMs: 15_000 })
      expect(code, output).toBe(1)
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(output).toContain(`refusing to start: Port ${port} is already in use by node (pid ${holder.pid}, -e `)
      expect(output).toContain('Stop that process or start with PORT=<another port>.')
      expect(output).not.toContain('[uncaughtException]')
    }
    finally {
      holder.kill()
    }
  })
})
