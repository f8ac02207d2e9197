import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

export interface InstanceInfo {
  id: string
  pid: number
  hostname: string
  port: number | null
  started_at: string
}

/** Who this server process is, so that two processes can be told apart in /api/health. `devPort`: the port `nuxi dev` listens on. */
export function describeInstance(devPort?: number): InstanceInfo {
  const port = Number(devPort || process.env.NITRO_PORT || process.env.PORT || 3000)
  return {
    id: randomUUID(),
    pid: process.pid,
    hostname: hostname(),
    port: Number.isFinite(port) ? port : null,
    started_at: new Date().toISOString(),
  }
}
