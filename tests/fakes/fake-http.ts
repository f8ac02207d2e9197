import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The request body as bytes. */
export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** A JSON request body as an object; null when there is none or it is not JSON (the fakes record and refuse that). */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown> | null> {
  const raw = await readRequestBody(request)
  if (raw.length === 0) return null
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>
  }
  catch {
    return null
  }
}

/** A multipart/form-data body, parsed as the WHATWG FormData a server framework would give. */
export async function readFormData(raw: Buffer, contentType: string | undefined): Promise<FormData | null> {
  if (!contentType?.startsWith('multipart/form-data')) return null
  try {
    return await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData()
  }
  catch {
    return null
  }
}

/** A form's fields as the fakes record them: text as text, a file as its name, type and bytes. */
export async function describeForm(form: FormData): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown[]> = {}
  for (const [name, value] of form.entries()) {
    const entry = typeof value === 'string' ? value : { filename: value.name, mime: value.type, data: Buffer.from(await value.arrayBuffer()) }
    ;(fields[name] ??= []).push(entry)
  }
  return Object.fromEntries(Object.entries(fields).map(([name, values]) => [name, values.length === 1 ? values[0] : values]))
}

/** A JSON answer with its length; nothing when an answer was sent already or the client went away. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (response.headersSent || response.destroyed) return
  const text = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  response.end(text)
}

/** Listens on 127.0.0.1 (port 0: any free one) and answers the port. */
export function listenOnLoopback(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Closes the server and every connection still open, as a process that goes away would. */
export function stopServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve()
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
