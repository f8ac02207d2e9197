// Talking to the app's run API the way an iPad does: join the open studio, create a run, poll its
// status with ETag. Runs are visible only to the device that made them, so every call carries
// that device's participant cookie.

const devices = new Map()

/** The bench's one iPad per server: its cookie, from joining the open studio once. */
export async function deviceHeaders(baseUrl) {
  if (!devices.has(baseUrl)) {
    devices.set(baseUrl, (async () => {
      const response = await fetch(`${baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      if (response.status !== 200) throw new Error(`POST /api/join answered ${response.status}: ${await response.text()}`)
      return { cookie: response.headers.getSetCookie().map(value => value.split(';')[0]).join('; ') }
    })())
  }
  return devices.get(baseUrl)
}

export async function createRun(baseUrl, body) {
  const response = await fetch(`${baseUrl}/api/runs`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...await deviceHeaders(baseUrl) }, body: JSON.stringify(body),
  })
  if (response.status !== 202) throw new Error(`POST /api/runs answered ${response.status}: ${await response.text()}`)
  return (await response.json()).run_id
}

const ENDED = new Set(['completed', 'blocked', 'failed', 'cancelled', 'awaiting_output'])

/** Polls GET /api/runs/:id with If-None-Match every `intervalMs` until the run stops. */
export async function waitForRunEnd(baseUrl, runId, { intervalMs = 100, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs
  const device = await deviceHeaders(baseUrl)
  let etag = null
  let last = null
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/runs/${runId}`, { headers: { ...device, ...(etag ? { 'if-none-match': etag } : {}) } })
    if (response.status === 200) {
      etag = response.headers.get('etag')
      last = await response.json()
      if (ENDED.has(last.status)) return last
    }
    else if (response.status !== 304) {
      throw new Error(`GET /api/runs/${runId} answered ${response.status}: ${await response.text()}`)
    }
    await new Promise(resolveWait => setTimeout(resolveWait, intervalMs))
  }
  throw new Error(`Run ${runId} did not end within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`)
}
