import { createHash, randomUUID } from 'node:crypto'
import { posix } from 'node:path'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import sharp from 'sharp'
import { WebSocketServer, type WebSocket } from 'ws'
import { describeForm, listenOnLoopback, readFormData, readRequestBody, sendJson } from './fake-http'
import { animatedWebp, png, silentFlac, tetrahedronGlb, videoFile } from './fake-media-files'

/**
 * A ComfyUI on loopback that behaves as ComfyUI 0.3.6x does, read from its source:
 * - server.py upload_image / image_upload: POST /upload/image (multipart `image`, `type`,
 *   `subfolder`, `overwrite`): 400 without a file name or for a path out of the folder; without
 *   overwrite "true"/"1" a taken name becomes "name (1).ext", unless the bytes are the same
 *   (compare_image_hash); answers { name, subfolder, type }. aiohttp answers 413 over
 *   --max-upload-size. nodes.py LoadImage: VALIDATE_INPUTS "Invalid image file: …" for a file the
 *   folder lacks ("subfolder/name" in the input folder, "subfolder/name [temp]" in the temp folder:
 *   folder_paths.annotated_filepath / exists_annotated_filepath); PIL's
 *   UnidentifiedImageError at run time for bytes that are no picture.
 * - server.py: POST /prompt (client-chosen prompt_id, 200 with node_errors when only some outputs
 *   pass, 400 when none does), GET/POST /queue (pending unsorted; delete, clear), /history/{id}
 *   ({} when unknown), /view, POST /interrupt (only when the named prompt runs), /object_info,
 *   /system_stats and /ws, whose send_json drops a message it fails to send.
 * - execution.py (PromptExecutor, validate_prompt): execution_start, execution_cached, executing,
 *   executed, execution_success and execution_error go only to the prompt's own client id, and not
 *   at all when it named none; progress, previews and execution_interrupted go to that client, or
 *   to everyone when there is none. Only the nodes the accepted outputs need run, in dependency order.
 * - main.py (prompt_worker): execution_success is sent before the history is written; the final
 *   `executing {node: null}` after it.
 * - comfy_execution/progress.py: progress_state with every started node, to the same client.
 * - comfy_api/latest/_ui.py, comfy_extras/nodes_video.py, nodes_images.py: SaveVideo, SaveWEBM and
 *   SaveAnimatedWEBP report their files under `images` with `animated: [true]`;
 *   comfy_extras/nodes_audio.py: SaveAudio writes FLAC; comfy_extras/nodes_hunyuan3d.py: SaveGLB reports
 *   its .glb files under `3d`.
 * - Interrupts (nodes.interrupt_processing) take effect when the next node starts or the sampler
 *   reports its next step (main.py hijack_progress).
 * Slowness and loss happen only on command from the test.
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
  /** Time between execution_success and the history write (prompt_worker still busy with the prompt). */
  historyLagMs?: number
  /** Send progress_state as newer servers do; older ones send only progress. */
  progressState?: boolean
  /** Interrupt whatever runs, whatever prompt_id /interrupt names, as older servers do. */
  interruptIgnoresPromptId?: boolean
  /** Describe combos as ["COMBO", { options }] (nodes written on comfy_api) rather than [[…], {…}]. */
  comboSpec?: boolean
  /** aiohttp's client_max_size (--max-upload-size): a bigger request answers 413. */
  maxUploadBytes?: number
}

export interface FakeRequest { method: string, path: string, body: unknown }

interface QueueItem {
  number: number
  prompt_id: string
  prompt: Record<string, WorkflowNode>
  extra: { client_id?: string }
  outputs: string[]
  /** Size of the first picture a LoadImage loaded: an img2img workflow's output has it. */
  loaded?: { width: number, height: number }
}

interface WorkflowNode { class_type?: string, inputs?: Record<string, unknown> }

interface HistoryEntry {
  prompt: [number, string, Record<string, WorkflowNode>, object, string[]]
  outputs: Record<string, Record<string, unknown>>
  status: { status_str: 'success' | 'error', completed: boolean, messages: [string, object][] }
  meta: Record<string, unknown>
}

interface Failure { count: number, status: number, retryAfter?: string, path: string, queueFirst: boolean }
interface NodeError { type: string, message: string, details: string, extra_info: Record<string, unknown> }

/** Inputs each known node class requires (a subset of ComfyUI's INPUT_TYPES / define_schema). */
const REQUIRED_INPUTS: Record<string, string[]> = {
  CheckpointLoaderSimple: ['ckpt_name'],
  // Pictures in: nodes.py LoadImage, VAEEncode, DualCLIPLoader; comfy_extras nodes_post_processing.py,
  // nodes_flux.py (FluxGuidance, FluxKontextImageScale), nodes_edit_model.py (ReferenceLatent).
  LoadImage: ['image'],
  VAEEncode: ['pixels', 'vae'],
  ImageScaleToTotalPixels: ['image', 'upscale_method', 'megapixels'],
  FluxKontextImageScale: ['image'],
  ReferenceLatent: ['conditioning'],
  FluxGuidance: ['conditioning', 'guidance'],
  DualCLIPLoader: ['clip_name1', 'clip_name2', 'type'],
  TripleCLIPLoader: ['clip_name1', 'clip_name2', 'clip_name3'],
  UNETLoader: ['unet_name', 'weight_dtype'],
  CLIPLoader: ['clip_name', 'type'],
  VAELoader: ['vae_name'],
  ModelSamplingSD3: ['model', 'shift'],
  CLIPTextEncode: ['text', 'clip'],
  EmptySD3LatentImage: ['width', 'height', 'batch_size'],
  EmptyLatentImage: ['width', 'height', 'batch_size'],
  Wan22ImageToVideoLatent: ['vae', 'width', 'height', 'length', 'batch_size'],
  // LTX-Video (comfy_extras/nodes_lt.py) sampled with SamplerCustom (comfy_extras/nodes_custom_sampler.py).
  LTXVConditioning: ['positive', 'negative', 'frame_rate'],
  EmptyLTXVLatentVideo: ['width', 'height', 'length', 'batch_size'],
  LTXVScheduler: ['steps', 'max_shift', 'base_shift', 'stretch', 'terminal'],
  KSamplerSelect: ['sampler_name'],
  SamplerCustom: ['model', 'add_noise', 'noise_seed', 'cfg', 'positive', 'negative', 'sampler', 'sigmas', 'latent_image'],
  KSampler: ['model', 'seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'positive', 'negative', 'latent_image', 'denoise'],
  VAEDecode: ['samples', 'vae'],
  SaveImage: ['images', 'filename_prefix'],
  PreviewImage: ['images'],
  CreateVideo: ['images', 'fps'],
  SaveVideo: ['video', 'filename_prefix', 'format', 'codec'],
  SaveWEBM: ['images', 'filename_prefix', 'codec', 'fps', 'crf'],
  SaveAnimatedWEBP: ['images', 'filename_prefix', 'fps', 'lossless', 'quality', 'method'],
  EmptyLatentAudio: ['seconds', 'batch_size'],
  VAEDecodeAudio: ['samples', 'vae'],
  SaveAudio: ['audio', 'filename_prefix'],
  // comfy_extras/nodes_ace.py (ACE-Step): tags and lyrics are two texts of one encoder; the latent is made in seconds.
  TextEncodeAceStepAudio: ['clip', 'tags', 'lyrics', 'lyrics_strength'],
  EmptyAceStepLatentAudio: ['seconds', 'batch_size'],
  ConditioningZeroOut: ['conditioning'],
  // Hunyuan3D v2 (comfy_extras/nodes_hunyuan3d.py; the loader in nodes_video_model.py, CLIPVisionEncode in
  // nodes.py, ModelSamplingAuraFlow in nodes_model_advanced.py): a picture's CLIP vision embedding → voxels → mesh → GLB.
  ImageOnlyCheckpointLoader: ['ckpt_name'],
  CLIPVisionEncode: ['clip_vision', 'image', 'crop'],
  Hunyuan3Dv2Conditioning: ['clip_vision_output'],
  EmptyLatentHunyuan3Dv2: ['resolution', 'batch_size'],
  ModelSamplingAuraFlow: ['model', 'shift'],
  VAEDecodeHunyuan3D: ['samples', 'vae', 'num_chunks', 'octree_resolution'],
  VoxelToMeshBasic: ['voxel', 'threshold'],
  SaveGLB: ['mesh', 'filename_prefix'],
}
const OUTPUT_NODES = new Set(['SaveImage', 'PreviewImage', 'SaveVideo', 'SaveWEBM', 'SaveAnimatedWEBP', 'SaveAudio', 'SaveGLB'])
const INT_INPUTS = new Set(['seed', 'noise_seed', 'steps', 'width', 'height', 'batch_size', 'length', 'crf', 'quality', 'resolution', 'num_chunks', 'octree_resolution'])
const FLOAT_INPUTS = new Set(['cfg', 'denoise', 'seconds', 'fps', 'shift', 'frame_rate', 'max_shift', 'base_shift', 'terminal', 'lyrics_strength', 'megapixels', 'guidance', 'threshold'])

const PREVIEW_IMAGE = 1
const JPEG = 1

export type FakeComfyui = Awaited<ReturnType<typeof startFakeComfyui>>

export async function startFakeComfyui(initial: FakeComfyuiOptions = {}) {
  const options: Required<FakeComfyuiOptions> = {
    steps: 4, stepDelayMs: 5, previews: true, slow: false, wsDisabled: false, historyLagMs: 0,
    progressState: true, interruptIgnoresPromptId: false, comboSpec: false, maxUploadBytes: 100 * 1024 * 1024,
    checkpoints: ['sd3.5_large.safetensors', 'sd_xl_base_1.0.safetensors'],
    ...initial,
  }
  const requests: FakeRequest[] = []
  const failures: Failure[] = []
  const files = new Map<string, { data: Buffer, mime: string }>()
  const sockets = new Set<Socket>()
  const clients = new Map<WebSocket, string>()
  /** Event types whose next sends are lost ("executing:null" is the final one). */
  const losing = new Map<string, number>()
  let pending: QueueItem[] = []
  let running: QueueItem | null = null
  let history = new Map<string, HistoryEntry>()
  let counter = 0
  let fileCounter = 0
  /** Bumped on restart so a prompt's timers know they are stale. */
  let generation = 0
  let nextError: { node_id?: string, exception_message: string, exception_type?: string } | null = null
  let interruptRequested = false
  /** Samplers wait before their next step while paused; `pauseOwnAt` pauses when a prompt with a client id reaches that step. */
  let paused = false
  let pauseOwnAt: number | null = null
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
    const form = await readFormData(raw, request.headers['content-type'])
    if (form) body = await describeForm(form)
    else if (raw.length > 0) {
      try { body = JSON.parse(raw.toString('utf8')) }
      catch { body = raw.toString('utf8') }
    }
    const path = url.pathname
    requests.push({ method: request.method ?? 'GET', path: path + url.search, body })

    const failure = failures.find(entry => entry.count > 0 && path.startsWith(entry.path))
    if (failure) {
      failure.count -= 1
      // A proxy that gave up after ComfyUI had already queued the prompt.
      if (failure.queueFirst && request.method === 'POST' && path === '/prompt') submit(body, null)
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}
      return sendJson(response, failure.status, { error: failure.status === 429 ? 'Too Many Requests' : 'Service Unavailable' }, headers)
    }

    if (request.method === 'POST' && path === '/upload/image') {
      if (raw.length > options.maxUploadBytes) {
        response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' })
        return response.end(`Maximum request body size ${options.maxUploadBytes} exceeded, actual body size ${raw.length}`)
      }
      return upload(form, response)
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
      if (running && (!promptId || options.interruptIgnoresPromptId || promptId === running.prompt_id)) interruptRequested = true
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
      const tooltip = { tooltip: 'The name of the checkpoint (model) to load.' }
      return sendJson(response, 200, {
        CheckpointLoaderSimple: {
          input: { required: { ckpt_name: options.comboSpec ? ['COMBO', { ...tooltip, options: options.checkpoints, multiselect: false }] : [options.checkpoints, tooltip] } },
          output: ['MODEL', 'CLIP', 'VAE'], name: 'CheckpointLoaderSimple', category: 'loaders', output_node: false,
        },
      })
    }
    if (request.method === 'GET' && path === '/models/checkpoints') return sendJson(response, 200, options.checkpoints)
    if (request.method === 'GET' && path === '/system_stats') {
      return sendJson(response, 200, {
        system: { os: 'posix', ram_total: 68719476736, ram_free: 34359738368, comfyui_version: '0.3.64', python_version: '3.12.3', pytorch_version: '2.7.1+cu128', embedded_python: false, argv: ['main.py'] },
        devices: [{ name: 'cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync', type: 'cuda', index: 0, vram_total: 25393692672, vram_free: 24000000000, torch_vram_total: 0, torch_vram_free: 0 }],
      })
    }
    return sendJson(response, 404, { error: 'not found' })
  }

  /** server.py image_upload: into the input (or temp, output) folder, renamed rather than overwritten. */
  async function upload(form: FormData | null, response: ServerResponse) {
    const image = form?.get('image')
    if (!form || !image || typeof image === 'string') return empty(response, 400)
    let filename = image.name
    if (!filename) return empty(response, 400)
    const type = String(form.get('type') ?? 'input')
    if (!['input', 'temp', 'output'].includes(type)) return sendJson(response, 500, { error: 'UnboundLocalError: type_dir' })
    const subfolder = String(form.get('subfolder') ?? '')
    // os.path.commonpath((upload_dir, filepath)) != upload_dir: nothing outside the folder.
    const inside = posix.normalize(posix.join('/dir', subfolder, filename))
    if (!inside.startsWith('/dir/')) return empty(response, 400)
    const data = Buffer.from(await image.arrayBuffer())
    const overwrite = form.get('overwrite')
    if (overwrite !== 'true' && overwrite !== '1') {
      const { name, ext } = posix.parse(filename)
      for (let index = 1; files.has(fileKey(type, subfolder, filename)); index++) {
        if (sameBytes(files.get(fileKey(type, subfolder, filename))!.data, data)) break
        filename = `${name} (${index})${ext}`
      }
    }
    files.set(fileKey(type, subfolder, filename), { data, mime: image.type || 'application/octet-stream' })
    sendJson(response, 200, { name: filename, subfolder, type })
  }

  /** A LoadImage value ("subfolder/name", maybe " [input]"-annotated) as the file it loads. */
  function inputFile(value: unknown) {
    const annotated = /^(.*) \[(input|output|temp)\]$/.exec(String(value))
    const [name, type] = annotated ? [annotated[1]!, annotated[2]!] : [String(value), 'input']
    const slash = name.lastIndexOf('/')
    return files.get(fileKey(type, slash >= 0 ? name.slice(0, slash) : '', name.slice(slash + 1)))
  }

  /** POST /prompt as server.py post_prompt: validate, queue the outputs that passed, answer. */
  function submit(body: unknown, response: ServerResponse | null) {
    const answer = (status: number, json: unknown) => response && sendJson(response, status, json)
    const { prompt, client_id, prompt_id } = (body ?? {}) as { prompt?: unknown, client_id?: string, prompt_id?: string }
    if (!prompt || typeof prompt !== 'object' || Array.isArray(prompt)) {
      return answer(400, { error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} }, node_errors: {} })
    }
    const workflow = prompt as Record<string, WorkflowNode>
    const { error, good, nodeErrors } = validate(workflow)
    if (error) return answer(400, { error, node_errors: nodeErrors })
    const item: QueueItem = {
      number: counter++, prompt_id: prompt_id ? String(prompt_id) : randomUUID(), prompt: workflow, extra: client_id ? { client_id } : {}, outputs: good,
    }
    pending.push(item)
    broadcastStatus()
    answer(200, { prompt_id: item.prompt_id, number: item.number, node_errors: nodeErrors })
    queueMicrotask(startNext)
  }

  /** execution.py validate_prompt: each output with the nodes it needs; outputs that fail are dropped. */
  function validate(workflow: Record<string, WorkflowNode>) {
    for (const [id, node] of Object.entries(workflow)) {
      if (!node || typeof node !== 'object' || !node.class_type) {
        return { error: { type: 'invalid_prompt', message: 'Cannot execute because a node is missing the class_type property.', details: `Node ID '#${id}'`, extra_info: {} }, good: [], nodeErrors: {} }
      }
      if (!(node.class_type in REQUIRED_INPUTS)) {
        return { error: { type: 'invalid_prompt', message: `Cannot execute because node ${node.class_type} does not exist.`, details: `Node ID '#${id}'`, extra_info: {} }, good: [], nodeErrors: {} }
      }
    }
    const outputs = Object.keys(workflow).filter(id => OUTPUT_NODES.has(workflow[id]!.class_type!))
    if (outputs.length === 0) return { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} }, good: [], nodeErrors: {} }
    const good: string[] = []
    const nodeErrors: Record<string, { errors: NodeError[], dependent_outputs: string[], class_type: string }> = {}
    for (const output of outputs) {
      let valid = true
      for (const id of executionOrder(workflow, [output])) {
        const errors = inputErrors(workflow[id]!)
        if (errors.length === 0) continue
        valid = false
        nodeErrors[id] ??= { errors, dependent_outputs: [], class_type: workflow[id]!.class_type! }
        nodeErrors[id].dependent_outputs.push(output)
      }
      if (valid) good.push(output)
    }
    if (good.length > 0) return { error: null, good, nodeErrors }
    const details = Object.values(nodeErrors).flatMap(node => node.errors.map(error => `${error.message}: ${error.details}`)).join('\n')
    return { error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details, extra_info: {} }, good, nodeErrors }
  }

  function inputErrors(node: WorkflowNode): NodeError[] {
    const inputs = node.inputs ?? {}
    const errors: NodeError[] = []
    for (const name of REQUIRED_INPUTS[node.class_type!]!) {
      const value = inputs[name]
      if (value === undefined) {
        errors.push({ type: 'required_input_missing', message: 'Required input is missing', details: name, extra_info: { input_name: name } })
      }
      else if ((INT_INPUTS.has(name) || FLOAT_INPUTS.has(name)) && !isLink(value) && !Number.isFinite(Number(value))) {
        errors.push({
          type: 'invalid_input_type',
          message: `Failed to convert an input value to a ${INT_INPUTS.has(name) ? 'INT' : 'FLOAT'} value`,
          details: `${name}, ${String(value)}, could not convert string to number`,
          extra_info: { input_name: name, received_value: value },
        })
      }
      else if (node.class_type === 'LoadImage' && name === 'image' && !isLink(value) && !inputFile(value)) {
        errors.push({ type: 'custom_validation_failed', message: 'Custom validation failed for node', details: `image - Invalid image file: ${String(value)}`, extra_info: { input_name: name } })
      }
      else if (name === 'ckpt_name' && !options.checkpoints.includes(String(value))) {
        errors.push({
          type: 'value_not_in_list', message: 'Value not in list',
          details: `ckpt_name: '${String(value)}' not in ${JSON.stringify(options.checkpoints)}`,
          extra_info: { input_name: name, received_value: value },
        })
      }
    }
    return errors
  }

  function startNext() {
    if (running || pending.length === 0 || !server.listening) return
    running = pending.shift()!
    interruptRequested = false
    void execute(running, generation)
  }

  /** PromptExecutor.execute_async, then prompt_worker's task_done and final `executing`. */
  async function execute(item: QueueItem, started: number) {
    const id = item.prompt_id
    const own = item.extra.client_id
    const messages: [string, object][] = []
    const stale = () => generation !== started
    /** add_message: recorded for the history; sent to the client, or to everyone when `broadcast` and there is none. */
    const record = (type: string, data: Record<string, unknown>, broadcast = false) => {
      const stamped = { ...data, timestamp: Date.now() }
      messages.push([type, stamped])
      if (own || broadcast) send(own, { type, data: stamped })
    }
    const toOwn = (type: string, data: Record<string, unknown>) => own && send(own, { type, data })
    const outputs: HistoryEntry['outputs'] = {}
    const nodeStates: Record<string, { value: number, max: number, state: string }> = {}
    const progressState = (nodeId: string, value: number, max: number, state: string) => {
      nodeStates[nodeId] = { value, max, state }
      if (!options.progressState) return
      const nodes = Object.fromEntries(Object.entries(nodeStates).map(([node, entry]) => [node, { ...entry, node_id: node, prompt_id: id, display_node_id: node, parent_node_id: null, real_node_id: node }]))
      send(own, { type: 'progress_state', data: { prompt_id: id, nodes } })
    }
    const stop = (nodeId: string, node: WorkflowNode) => {
      record('execution_interrupted', { prompt_id: id, node_id: nodeId, node_type: node.class_type, executed: Object.keys(nodeStates) }, true)
      return complete(item, started, false, outputs, messages)
    }
    broadcastStatus()
    record('execution_start', { prompt_id: id })
    record('execution_cached', { nodes: [], prompt_id: id })

    for (const nodeId of executionOrder(item.prompt, item.outputs)) {
      const node = item.prompt[nodeId]!
      if (stale()) return
      if (interruptRequested) return stop(nodeId, node)
      toOwn('executing', { node: nodeId, display_node: nodeId, prompt_id: id })
      progressState(nodeId, 0, 1, 'running')
      if (nextError && (!nextError.node_id || nextError.node_id === nodeId)) {
        const failure = nextError
        nextError = null
        progressState(nodeId, 0, 1, 'error')
        record('execution_error', {
          prompt_id: id, node_id: nodeId, node_type: node.class_type, executed: [],
          exception_message: failure.exception_message, exception_type: failure.exception_type ?? 'RuntimeError',
          traceback: ['  File "execution.py", line 496, in execute\n', `${failure.exception_type ?? 'RuntimeError'}: ${failure.exception_message}\n`],
          current_inputs: {}, current_outputs: [],
        })
        return complete(item, started, false, outputs, messages)
      }
      if (node.class_type === 'LoadImage') {
        const file = inputFile(node.inputs?.image)!
        const size = await sharp(file.data).metadata().then(meta => ({ width: meta.width ?? 64, height: meta.height ?? 64 }), () => null)
        if (stale()) return
        if (!size) {
          progressState(nodeId, 0, 1, 'error')
          record('execution_error', {
            prompt_id: id, node_id: nodeId, node_type: node.class_type, executed: [],
            exception_message: `cannot identify image file '/ComfyUI/input/${String(node.inputs?.image)}'`, exception_type: 'PIL.UnidentifiedImageError',
            traceback: [], current_inputs: {}, current_outputs: [],
          })
          return complete(item, started, false, outputs, messages)
        }
        item.loaded ??= size
      }
      if (node.class_type === 'KSampler') {
        const steps = Number(node.inputs?.steps) || options.steps
        for (let step = 1; step <= steps; step++) {
          await delay(options.stepDelayMs)
          if (stale()) return
          if (interruptRequested) return stop(nodeId, node)
          send(own, { type: 'progress', data: { value: step, max: steps, prompt_id: id, node: nodeId } })
          progressState(nodeId, step, steps, 'running')
          if (options.previews) sendBinary(own, previewFrame())
          if (own && step === pauseOwnAt) [paused, pauseOwnAt] = [true, null]
          while (paused && !stale() && !interruptRequested) await delay(10)
          if (stale()) return
          while (options.slow && step === steps) {
            await delay(10)
            if (stale()) return
            if (interruptRequested) return stop(nodeId, node)
          }
        }
      }
      if (OUTPUT_NODES.has(node.class_type!)) {
        const output = await makeOutput(item, node)
        if (stale()) return
        outputs[nodeId] = output
        toOwn('executed', { node: nodeId, display_node: nodeId, output, prompt_id: id })
      }
      progressState(nodeId, nodeStates[nodeId]!.max, nodeStates[nodeId]!.max, 'finished')
    }
    record('execution_success', { prompt_id: id })
    if (options.historyLagMs > 0) await delay(options.historyLagMs)
    complete(item, started, true, outputs, messages)
  }

  /** prompt_worker: task_done writes the history and frees the queue in one step; then `executing` null. */
  function complete(item: QueueItem, started: number, success: boolean, outputs: HistoryEntry['outputs'], messages: [string, object][]) {
    if (generation !== started) return
    history.set(item.prompt_id, {
      prompt: queueTuple(item),
      outputs,
      status: { status_str: success ? 'success' : 'error', completed: success, messages },
      meta: Object.fromEntries(Object.keys(outputs).map(nodeId => [nodeId, { node_id: nodeId, display_node: nodeId, parent_node: null, real_node_id: nodeId }])),
    })
    running = null
    interruptRequested = false
    if (item.extra.client_id) send(item.extra.client_id, { type: 'executing', data: { node: null, prompt_id: item.prompt_id } })
    broadcastStatus()
    startNext()
  }

  async function makeOutput(item: QueueItem, node: WorkflowNode): Promise<Record<string, unknown>> {
    const prefix = String(node.inputs?.filename_prefix ?? 'ComfyUI')
    const slash = prefix.lastIndexOf('/')
    const [subfolder, base] = slash >= 0 ? [prefix.slice(0, slash), prefix.slice(slash + 1)] : ['', prefix]
    fileCounter += 1
    const save = (extension: string, data: Buffer, mime: string, type = 'output') => {
      const filename = `${type === 'temp' ? 'ComfyUI_temp' : base}_${String(fileCounter).padStart(5, '0')}_.${extension}`
      files.set(fileKey(type, subfolder, filename), { data, mime })
      return { filename, subfolder, type }
    }
    const { width, height } = latentSize(item)
    switch (node.class_type) {
      case 'SaveAudio': return { audio: [save('flac', silentFlac(), 'audio/flac')] }
      // SaveGLB (nodes_hunyuan3d.py) returns {"ui": {"3d": results}}: the mesh as binary glTF, under `3d`.
      case 'SaveGLB': return { '3d': [save('glb', await tetrahedronGlb(), 'model/gltf-binary')] }
      case 'SaveVideo': return { images: [save('mp4', await videoFile('mp4', width, height), 'video/mp4')], animated: [true] }
      case 'SaveWEBM': return { images: [save('webm', await videoFile('webm', width, height), 'video/webm')], animated: [true] }
      case 'SaveAnimatedWEBP': return { images: [save('webp', await animatedWebp(width, height), 'image/webp')], animated: [true] }
      case 'PreviewImage': return { images: [save('png', await png(width, height, fileCounter), 'image/png', 'temp')] }
      default: return { images: [save('png', await png(width, height, fileCounter), 'image/png')] }
    }
  }

  function latentSize(item: QueueItem) {
    const latent = Object.values(item.prompt).find(other => /^Empty.*Image$|VideoLatent$|LatentVideo$/.test(other.class_type ?? ''))
    if (!latent && item.loaded) return item.loaded
    return { width: Number(latent?.inputs?.width) || 64, height: Number(latent?.inputs?.height) || 64 }
  }

  function previewFrame() {
    const header = Buffer.alloc(8)
    header.writeUInt32BE(PREVIEW_IMAGE, 0)
    header.writeUInt32BE(JPEG, 4)
    return Buffer.concat([header, previewJpeg])
  }

  /** server.py send_json: to one client id, or to everyone for none; a lost message is gone. */
  function send(clientId: string | undefined, message: { type: string, data: Record<string, unknown> }) {
    const key = message.type === 'executing' && message.data.node === null ? 'executing:null' : message.type
    const lose = losing.get(key) ?? 0
    if (lose > 0) {
      losing.set(key, lose - 1)
      return
    }
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
    /**
     * The next `count` HTTP requests whose path starts with `path` answer `status`. With
     * `queueFirst`, a POST /prompt is queued all the same, as when a proxy times out on a slow answer.
     */
    failNext(count: number, status: number, { retryAfter, path = '/', queueFirst = false }: { retryAfter?: string, path?: string, queueFirst?: boolean } = {}) {
      failures.push({ count, status, retryAfter, path, queueFirst })
    },
    /** The next `count` messages of `type` ("executing:null" for the final one) are lost on the way. */
    loseNext(type: string, count = 1) {
      losing.set(type, (losing.get(type) ?? 0) + count)
    },
    /** Queues `count` prompts from a client without client_id ahead (only their progress and previews go to everyone). */
    busyAhead(count: number) {
      const workflow = {
        3: { class_type: 'KSampler', inputs: { steps: options.steps } },
        9: { class_type: 'SaveImage', inputs: { images: ['3', 0], filename_prefix: 'other' } },
      }
      for (let index = 0; index < count; index++) {
        pending.push({ number: counter++, prompt_id: randomUUID(), prompt: workflow, extra: {}, outputs: ['9'] })
      }
      broadcastStatus()
      queueMicrotask(startNext)
    },
    /** Samplers stop before their next step until `resume`, so a test sees a queue or a progress as long as it likes. */
    pause() {
      paused = true
    },
    /** Pauses once a prompt with a client id (ours, not busyAhead's) has reported sampler step `step`. */
    pauseOwnPromptAt(step: number) {
      pauseOwnAt = step
    },
    resume() {
      paused = false
    },
    /** Someone pressed "Clear queue" in ComfyUI's page: every waiting prompt is gone. */
    clearQueue() {
      pending = []
      broadcastStatus()
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
    /** The bytes a LoadImage value ("ai4artsed/x.jpg", "ai4artsed/x.jpg [temp]") names, as uploaded. */
    inputFile(value: string) { return inputFile(value)?.data },
    /** Every file uploaded to the `input` or `temp` folder, by "subfolder/name". */
    uploadedFiles(type: 'input' | 'temp') {
      return [...files.keys()].filter(key => key.startsWith(`${type}/`)).map(key => key.slice(type.length + 1).replace(/^\//, ''))
    },
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

/** The nodes `outputs` need, each after the nodes its inputs link to (ExecutionList's order). */
function executionOrder(prompt: Record<string, WorkflowNode>, outputs: string[]): string[] {
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (id: string) => {
    if (seen.has(id) || !prompt[id]) return
    seen.add(id)
    for (const value of Object.values(prompt[id].inputs ?? {})) if (isLink(value)) visit(String(value[0]))
    order.push(id)
  }
  outputs.forEach(visit)
  return order
}

/** An input fed by another node: [node id, output index]. */
function isLink(value: unknown): value is [string | number, number] {
  return Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && typeof value[1] === 'number'
}

function fileKey(type: string, subfolder: string, filename: string) {
  return `${type}/${subfolder}/${filename}`
}

function sameBytes(a: Buffer, b: Buffer) {
  return createHash('sha256').update(a).digest('hex') === createHash('sha256').update(b).digest('hex')
}

function empty(response: ServerResponse, status = 200) {
  response.writeHead(status, { 'content-length': 0 })
  response.end()
}

function delay(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms))
}
