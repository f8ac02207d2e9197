import type { RunStatusView } from '#shared/schemas/run'
import type { TestServer } from './server'

export interface ApiResponse<T = any> { status: number, headers: Headers, body: T }

/** One HTTP call with a JSON body; answers with status, headers and the parsed body. */
export async function api<T = any>(server: TestServer, path: string, init: { method?: string, body?: unknown, headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  })
  const text = await response.text()
  let body: unknown = text
  try { body = text ? JSON.parse(text) : null }
  catch { /* not JSON: keep the text */ }
  return { status: response.status, headers: response.headers, body: body as T }
}

/** Polls a run until `done` says so; fails with the last status seen. */
export async function waitForRun(server: TestServer, runId: string, done: (run: RunStatusView) => boolean = run => ['completed', 'blocked', 'failed', 'cancelled', 'awaiting_output'].includes(run.status), timeoutMs = 30_000): Promise<RunStatusView> {
  const deadline = Date.now() + timeoutMs
  let last: RunStatusView | undefined
  while (Date.now() < deadline) {
    const response = await api<RunStatusView>(server, `/api/runs/${runId}`)
    if (response.status === 200) {
      last = response.body
      if (done(last)) return last
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`Run ${runId} did not reach the expected state; last seen: ${JSON.stringify(last)}`)
}
