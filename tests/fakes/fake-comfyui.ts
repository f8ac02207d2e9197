import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import sharp from 'sharp'
import { WebSocketServer, type WebSocket } from 'ws'
import { encodeWav } from '../../server/utils/providers/builtin/audio/wav'
import { listenOnLoopback, readRequestBody, sendJson } from './fake-http'

/**
 * A ComfyUI on loopback that speaks the real protocol (server.py / execution.py of ComfyUI):
 * POST /prompt with validation and node_errors, GET /queue (pending unsorted), /history/{id}
 * ({} when unknown), /view, POST /interrupt, POST /queue {delete}, /object_info, /models,
 * /system_stats and the /ws event stream with binary preview frames. One prompt at a time.
 */

export interface FakeComfyuiOptions {
  /** Sampler steps when the workflow's KSampler has none. */
  steps?: number
  stepDelayMs?: number
  /** Binary preview frames sent between progress events. */
  previews?: boolean
  checkpoints?: string[]
  /** Never finish a prompt (it stays running until interrupted). */
  slow?: boolean
  /** Refuse the websocket upgrade, so clients must poll /history. */
  wsDisabled?: boolean
}

export interface FakeRequest { method: string, path: string, body: unknown }

interface QueueItem {
  number: number
  prompt_id: string
  prompt: Record<string, WorkflowNode>
  extra: { client_id?: string }
  outputs: string[]
}

interface WorkflowNode { class_type?: string, inputs?: Record<string, unknown> }

interface HistoryEntry {
  prompt: [number, string, Record<string, WorkflowNode>, object, string[]]
  outputs: Record<string, Record<string, unknown>>
  status: { status_str: 'success' | 'error', completed: boolean, messages: [string, object][] }
  meta: Record<string, unknown>
}

interface Failure { count: number, status: number, retryAfter?: string, path: string }

/** Inputs each known node class requires (a subset of ComfyUI's INPUT_TYPES). */
const REQUIRED_INPUTS: Record<string, string[]> = {
  CheckpointLoaderSimple: ['ckpt_name'],
  TripleCLIPLoader: ['clip_name1', 'clip_name2', 'clip_name3'],
  CLIPTextEncode: ['text', 'clip'],
  EmptySD3LatentImage: ['width', 'height', 'batch_size'],
  EmptyLatentImage: ['width', 'height', 'batch_size'],
  KSampler: ['model', 'seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'positive', 'negative', 'latent_image', 'denoise'],
  VAEDecode: ['samples', 'vae'],
  SaveImage: ['images', 'filename_prefix'],
  PreviewImage: ['images'],
  EmptyLatentAudio: ['seconds', 'batch_size'],
  VAEDecodeAudio: ['samples', 'vae'],
  SaveAudio: ['audio', 'filename_prefix'],
}
const OUTPUT_NODES = new Set(['SaveImage', 'PreviewImage', 'SaveAudio'])
const INT_INPUTS = new Set(['seed', 'steps', 'width', 'height', 'batch_size'])
const FLOAT_INPUTS = new Set(['cfg', 'denoise', 'seconds'])

const PREVIEW_IMAGE = 1
const JPEG = 1

export type FakeComfyui = Awaited<ReturnType<typeof startFakeComfyui>>

export async function startFakeComfyui(initial: FakeComfyuiOptions = {}) {
  const options: Required<FakeComfyuiOptions> = {
    steps: 4, stepDelayMs: 5, previews: true, slow: false, wsDisabled: false,
    checkpoints: ['sd3.5_large.safetensors', 'sd_xl_base_1.0.safetensors'],
    ...initial,
  }
  const requests: FakeRequest[] = []
  const failures: Failure[] = []
  const files = new Map<string, { data: Buffer, mime: string }>()
  const sockets = new Set<Socket>()
  const clients = new Map<WebSocket, string>()
  let pending: QueueItem[] = []
  let running: QueueItem | null = null
  let history = new Map<string, HistoryEntry>()
  let counter = 0
  let fileCounter = 0
  /** Bumped on restart and interrupt so a prompt's timers know they are stale. */
  let generation = 0
  let nextError: { node_id?: string, exception_message: string, exception_type?: string } | null = null
  let interruptRequested = false
  const previewJpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#8040c0' } }).jpeg().toBuffer()

  const wss = new WebSocketServer({ noServer: true })
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://fake')
    requests.push({ method: 'WS', path: url.pathname + url.search, body: null })
    if (options.wsDisabled || url.pathname !== '/ws') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const clientId = url.searchParams.get('clientId') ?? randomUUID().replaceAll('-', '')
      clients.set(ws, clientId)
      ws.on('close', () => clients.delete(ws))
      ws.send(JSON.stringify({ type: 'status', data: { status: statusData(), sid: clientId } }))
    })
  })

  const port = await listenOnLoopback(server)

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake')
    const raw = await readRequestBody(request)
    let body: unknown = null
    if (raw.length > 0) {
      try { body = JSON.parse(raw.toString('utf8')) }
      catch { body = raw.toString('utf8') }
    }
    const path = url.pathname
    requests.push({ method: request.method ?? 'GET', path: path + url.search, body })

    const failure = failures.find(entry => entry.count > 0 && path.startsWith(entry.path))
    if (failure) {
      failure.count -= 1
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}
      return sendJson(response, failure.status, { error: failure.status === 429 ? 'Too Many Requests' : 'Service Unavailable' }, headers)
    }

    if (request.method === 'POST' && path === '/prompt') return submit(body, response)
    if (request.method === 'GET' && path === '/queue') {
      return sendJson(response, 200, {
        queue_running: running ? [queueTuple(running)] : [],
        // ComfyUI's pending list comes from a heap: not in submission order.
        queue_pending: [...pending].reverse().map(queueTuple),
      })
    }
    if (request.method === 'POST' && path === '/queue') {
      const { delete: ids, clear } = (body ?? {}) as { delete?: string[], clear?: boolean }
      if (clear) pending = []
      if (Array.isArray(ids)) pending = pending.filter(item => !ids.includes(item.prompt_id))
      broadcastStatus()
      return empty(response)
    }
    if (request.method === 'POST' && path === '/interrupt') {
      const promptId = (body as { prompt_id?: string } | null)?.prompt_id
      if (running && (!promptId || promptId === running.prompt_id)) interruptRequested = true
      return empty(response)
    }
    const historyMatch = /^\/(?:api\/)?history\/([^/]+)$/.exec(path)
    if (request.method === 'GET' && historyMatch) {
      const entry = history.get(decodeURIComponent(historyMatch[1]!))
      return sendJson(response, 200, entry ? { [historyMatch[1]!]: entry } : {})
    }
    if (request.method === 'GET' && path === '/view') {
      const key = fileKey(url.searchParams.get('type') ?? 'output', url.searchParams.get('subfolder') ?? '', url.searchParams.get('filename') ?? '')
      const file = files.get(key)
      if (!file) return sendJson(response, 404, { error: 'not found' })
      response.writeHead(200, { 'content-type': file.mime, 'content-length': file.data.length })
      return response.end(file.data)
    }
    if (request.method === 'GET' && path === '/object_info/CheckpointLoaderSimple') {
      return sendJson(response, 200, {
        CheckpointLoaderSimple: {
          input: { required: { ckpt_name: [options.checkpoints, { tooltip: 'The name of the checkpoint (model) to load.' }] } },
          output: ['MODEL', 'CLIP', 'VAE'], name: 'CheckpointLoaderSimple', category: 'loaders', output_node: false,
        },
      })
    }
    if (request.method === 'GET' && path === '/models/checkpoints') return sendJson(response, 200, options.checkpoints)
    if (request.method === 'GET' && path === '/system_stats') {
      return sendJson(response, 200, {
        system: { os: 'posix', ram_total: 68719476736, ram_free: 34359738368, comfyui_version: '0.3.60', python_version: '3.12.3', pytorch_version: '2.7.1+cu128', embedded_python: false, argv: ['main.py'] },
        devices: [{ name: 'cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync', type: 'cuda', index: 0, vram_total: 25393692672, vram_free: 24000000000, torch_vram_total: 0, torch_vram_free: 0 }],
      })
    }
    return sendJson(response, 404, { error: 'not found' })
  }

  function submit(body: unknown, response: ServerResponse) {
    const { prompt, client_id } = (body ?? {}) as { prompt?: unknown, client_id?: string }
    if (!prompt || typeof prompt !== 'object' || Array.isArray(prompt)) {
      return sendJson(response, 400, { error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} }, node_errors: {} })
    }
    const workflow = prompt as Record<string, WorkflowNode>
    const invalid = validate(workflow)
    if (invalid) return sendJson(response, 400, invalid)
    const item: QueueItem = {
      number: counter++, prompt_id: randomUUID(), prompt: workflow, extra: client_id ? { client_id } : {},
      outputs: Object.entries(workflow).filter(([, node]) => OUTPUT_NODES.has(node.class_type!)).map(([id]) => id),
    }
    pending.push(item)
    broadcastStatus()
    sendJson(response, 200, { prompt_id: item.prompt_id, number: item.number, node_errors: {} })
    queueMicrotask(startNext)
  }

  function validate(workflow: Record<string, WorkflowNode>) {
    for (const [id, node] of Object.entries(workflow)) {
      if (!node || typeof node !== 'object' || !node.class_type) {
        return { error: { type: 'invalid_prompt', message: 'Cannot execute because a node is missing the class_type property.', details: `Node ID '#${id}'`, extra_info: {} }, node_errors: {} }
      }
      if (!(node.class_type in REQUIRED_INPUTS)) {
        return { error: { type: 'invalid_prompt', message: `Cannot execute because node ${node.class_type} does not exist.`, details: `Node ID '#${id}'`, extra_info: {} }, node_errors: {} }
      }
    }
    const outputs = Object.entries(workflow).filter(([, node]) => OUTPUT_NODES.has(node.class_type!))
    if (outputs.length === 0) {
      return { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} }, node_errors: [] }
    }
    const nodeErrors: Record<string, { errors: object[], dependent_outputs: string[], class_type: string }> = {}
    for (const [id, node] of Object.entries(workflow)) {
      const inputs = node.inputs ?? {}
      const errors: object[] = []
      for (const name of REQUIRED_INPUTS[node.class_type!]!) {
        const value = inputs[name]
        if (value === undefined) {
          errors.push({ type: 'required_input_missing', message: 'Required input is missing', details: name, extra_info: { input_name: name } })
        }
        else if ((INT_INPUTS.has(name) || FLOAT_INPUTS.has(name)) && !Array.isArray(value) && !Number.isFinite(Number(value))) {
          errors.push({
            type: 'invalid_input_type',
            message: `Failed to convert an input value to a ${INT_INPUTS.has(name) ? 'INT' : 'FLOAT'} value`,
            details: `${name}, ${String(value)}, could not convert string to number`,
            extra_info: { input_name: name, received_value: value },
          })
        }
        else if (name === 'ckpt_name' && !options.checkpoints.includes(String(value))) {
          errors.push({
            type: 'value_not_in_list', message: 'Value not in list',
            details: `ckpt_name: '${String(value)}' not in ${JSON.stringify(options.checkpoints)}`,
            extra_info: { input_name: name, received_value: value },
          })
        }
      }
      if (errors.length > 0) nodeErrors[id] = { errors, dependent_outputs: outputs.map(([outputId]) => outputId), class_type: node.class_type! }
    }
    if (Object.keys(nodeErrors).length === 0) return null
    return { error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} }, node_errors: nodeErrors }
  }

  function startNext() {
    if (running || pending.length === 0 || !server.listening) return
    running = pending.shift()!
    interruptRequested = false
    void execute(running, generation)
  }

  async function execute(item: QueueItem, started: number) {
    const id = item.prompt_id
    const to = item.extra.client_id
    const messages: [string, object][] = []
    const stale = () => generation !== started
    const emit = (type: string, data: object, record = false) => {
      if (record) messages.push([type, data])
      send(to, { type, data })
    }
    const outputs: HistoryEntry['outputs'] = {}
    broadcastStatus()
    emit('execution_start', { prompt_id: id, timestamp: Date.now() }, true)
    emit('execution_cached', { nodes: [], prompt_id: id, timestamp: Date.now() }, true)

    for (const [nodeId, node] of Object.entries(item.prompt)) {
      if (stale()) return
      emit('executing', { node: nodeId, display_node: nodeId, prompt_id: id })
      if (interruptRequested) return finish(item, started, 'interrupted', outputs, messages, { node_id: nodeId, node_type: node.class_type })
      if (nextError && (!nextError.node_id || nextError.node_id === nodeId)) {
        const failure = nextError
        nextError = null
        return finish(item, started, 'error', outputs, messages, {
          node_id: nodeId, node_type: node.class_type, executed: [],
          exception_message: failure.exception_message, exception_type: failure.exception_type ?? 'RuntimeError',
          traceback: ['  File "execution.py", line 496, in execute\n', `${failure.exception_type ?? 'RuntimeError'}: ${failure.exception_message}\n`],
          current_inputs: {}, current_outputs: {},
        })
      }
      if (node.class_type === 'KSampler') {
        const steps = Number(node.inputs?.steps) || options.steps
        for (let step = 1; step <= steps; step++) {
          await delay(options.stepDelayMs)
          if (stale()) return
          if (interruptRequested) return finish(item, started, 'interrupted', outputs, messages, { node_id: nodeId, node_type: node.class_type })
          emit('progress', { value: step, max: steps, prompt_id: id, node: nodeId })
          if (options.previews) sendBinary(to, previewFrame())
          while (options.slow && step === steps) {
            await delay(10)
            if (stale()) return
            if (interruptRequested) return finish(item, started, 'interrupted', outputs, messages, { node_id: nodeId, node_type: node.class_type })
          }
        }
      }
      if (OUTPUT_NODES.has(node.class_type!)) {
        const output = await makeOutput(item, node)
        if (stale()) return
        outputs[nodeId] = output
        emit('executed', { node: nodeId, display_node: nodeId, output, prompt_id: id })
      }
    }
    finish(item, started, 'success', outputs, messages, null)
  }

  function finish(item: QueueItem, started: number, how: 'success' | 'error' | 'interrupted', outputs: HistoryEntry['outputs'], messages: [string, object][], detail: object | null) {
    if (generation !== started) return
    const id = item.prompt_id
    const to = item.extra.client_id
    const event = { success: 'execution_success', error: 'execution_error', interrupted: 'execution_interrupted' }[how]
    const data = { prompt_id: id, ...(how === 'interrupted' ? { executed: [] } : {}), ...(detail ?? {}), timestamp: Date.now() }
    messages.push([event, data])
    send(to, { type: event, data })
    history.set(id, {
      prompt: queueTuple(item),
      outputs,
      status: { status_str: how === 'success' ? 'success' : 'error', completed: how === 'success', messages },
      meta: Object.fromEntries(Object.keys(outputs).map(nodeId => [nodeId, { node_id: nodeId, display_node: nodeId, parent_node: null, real_node_id: nodeId }])),
    })
    // main.py's prompt_worker ends every prompt this way, whatever happened.
    send(to, { type: 'executing', data: { node: null, display_node: null, prompt_id: id } })
    running = null
    interruptRequested = false
    broadcastStatus()
    startNext()
  }

  async function makeOutput(item: QueueItem, node: WorkflowNode): Promise<Record<string, unknown>> {
    const prefix = String(node.inputs?.filename_prefix ?? 'ComfyUI')
    fileCounter += 1
    if (node.class_type === 'SaveAudio') {
      const filename = `${prefix}_${String(fileCounter).padStart(5, '0')}_.wav`
      files.set(fileKey('output', 'audio', filename), { data: tinyWav(), mime: 'audio/wav' })
      return { audio: [{ filename, subfolder: 'audio', type: 'output' }] }
    }
    const latent = Object.values(item.prompt).find(other => other.class_type?.startsWith('Empty') && other.class_type.endsWith('Image'))
    const width = Number(latent?.inputs?.width) || 64
    const height = Number(latent?.inputs?.height) || 64
    const type = node.class_type === 'PreviewImage' ? 'temp' : 'output'
    const filename = `${type === 'temp' ? 'ComfyUI_temp' : prefix}_${String(fileCounter).padStart(5, '0')}_.png`
    const data = await sharp({ create: { width, height, channels: 3, background: { r: fileCounter * 40 % 256, g: 120, b: 200 } } }).png().toBuffer()
    files.set(fileKey(type, '', filename), { data, mime: 'image/png' })
    return { images: [{ filename, subfolder: '', type }] }
  }

  function previewFrame() {
    const header = Buffer.alloc(8)
    header.writeUInt32BE(PREVIEW_IMAGE, 0)
    header.writeUInt32BE(JPEG, 4)
    return Buffer.concat([header, previewJpeg])
  }

  /** ComfyUI sends a prompt's events to its client, or to everyone when the prompt named none. */
  function send(clientId: string | undefined, message: object) {
    const text = JSON.stringify(message)
    for (const [ws, id] of clients) if (!clientId || id === clientId) ws.send(text)
  }

  function sendBinary(clientId: string | undefined, frame: Buffer) {
    for (const [ws, id] of clients) if (!clientId || id === clientId) ws.send(frame)
  }

  function statusData() {
    return { exec_info: { queue_remaining: pending.length + (running ? 1 : 0) } }
  }

  function broadcastStatus() {
    send(undefined, { type: 'status', data: { status: statusData() } })
  }

  function queueTuple(item: QueueItem): [number, string, Record<string, WorkflowNode>, object, string[]] {
    return [item.number, item.prompt_id, item.prompt, item.extra, item.outputs]
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    options,
    /** The next prompt to run fails at `node_id` (or its first node) with execution_error. */
    failNextPrompt(error: { node_id?: string, exception_message: string, exception_type?: string }) {
      nextError = error
    },
    /** The next `count` HTTP requests whose path starts with `path` answer `status`. */
    failNext(count: number, status: number, { retryAfter, path = '/' }: { retryAfter?: string, path?: string } = {}) {
      failures.push({ count, status, retryAfter, path })
    },
    /** Queues `count` prompts from a client without client_id ahead (their events go to everyone). */
    busyAhead(count: number) {
      const workflow = {
        3: { class_type: 'KSampler', inputs: { steps: options.steps } },
        9: { class_type: 'SaveImage', inputs: { filename_prefix: 'other' } },
      }
      for (let index = 0; index < count; index++) {
        pending.push({ number: counter++, prompt_id: randomUUID(), prompt: workflow, extra: {}, outputs: ['9'] })
      }
      broadcastStatus()
      queueMicrotask(startNext)
    },
    /** Like a ComfyUI restart: connections dropped, queue and history forgotten, same port after `downMs`. */
    async restart(downMs = 20) {
      generation += 1
      running = null
      pending = []
      history = new Map()
      for (const ws of clients.keys()) ws.terminate()
      clients.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
      await delay(downMs)
      await listenOnLoopback(server, port)
    },
    get queue() {
      return { running: running?.prompt_id ?? null, pending: pending.map(item => item.prompt_id) }
    },
    get history() { return history },
    get websocketClients() { return clients.size },
    async close() {
      generation += 1
      for (const ws of clients.keys()) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    },
  }
}

function fileKey(type: string, subfolder: string, filename: string) {
  return `${type}/${subfolder}/${filename}`
}

function empty(response: ServerResponse) {
  response.writeHead(200, { 'content-length': 0 })
  response.end()
}

function delay(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** 0.1 s of silence, 8 kHz mono 16-bit PCM. */
function tinyWav() {
  return encodeWav(new Float32Array(800), 8000)
}
