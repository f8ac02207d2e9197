import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { RunMetadata } from '#shared/schemas/run'
import { api, defaultDevice, type Device, ensureJoined } from './api'
import type { TestServer } from './server'

/** A run's folder in the data dir, as the server lays it out. */
export const runDir = (dataDir: string, runId: string) => join(dataDir, 'runs', runId)

export const readRunFile = (dataDir: string, runId: string, file: string) => readFileSync(join(runDir(dataDir, runId), file))

/** metadata.json read from disk and checked against the shared schema. */
export const readRunMetadata = (dataDir: string, runId: string) =>
  RunMetadata.parse(JSON.parse(readRunFile(dataDir, runId, 'metadata.json').toString('utf8')))

export const runFileNames = (dataDir: string, runId: string) => readdirSync(runDir(dataDir, runId)).sort()

export const runIdsOnDisk = (dataDir: string) => readdirSync(join(dataDir, 'runs')).sort()

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** POST /api/runs, expecting 202; answers the new run id. */
export async function createRun(server: TestServer, body: Record<string, unknown>, device = defaultDevice(server)): Promise<string> {
  await ensureJoined(server, device)
  const response = await api<{ run_id: string, status: string }>(server, '/api/runs', { body, device })
  expect(response.status, JSON.stringify(response.body)).toBe(202)
  expect(response.body.status).toBe('queued')
  return response.body.run_id
}

/** The bytes a GET of a URL path answers with, after checking it answered 200. */
export async function download(server: TestServer, path: string, device = defaultDevice(server)): Promise<{ bytes: Buffer, headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie: device.cookieHeader } })
  expect(response.status, path).toBe(200)
  return { bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers }
}
