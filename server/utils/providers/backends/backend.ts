import type { BackendConfig } from '#shared/schemas/providers'
import type { ImageClassifier } from '../../safety/image-check/image-classifier'
import type { GenerationProvider } from '../types'
import type { BackendGate, WaitingReporter } from './backend-gate'

/** What a quick check of a backend found, for the leader's providers view. */
export interface BackendProbe {
  reachable: boolean
  /** For the leader, when not reachable or not usable: "connection refused (is it running?)". */
  error: string | null
  latency_ms: number | null
  /** Models (or checkpoints, for ComfyUI) the backend offers. */
  models: string[]
}

export interface ChatMessage { role: 'system' | 'user' | 'assistant', content: string }

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  temperature?: number
  seed?: number
  maxTokens?: number
  signal?: AbortSignal
  onWaiting?: WaitingReporter
}

/** A language model behind Ollama's /api/chat or an OpenAI-compatible /chat/completions. */
export interface ChatClient {
  chat(request: ChatRequest): Promise<{ text: string }>
}

/** One configured backend with its concurrency gate, shared by everything that uses it. */
export interface Backend {
  readonly config: BackendConfig
  readonly gate: BackendGate
  /** Reachable, how fast, which models; rejects with a leader-readable reason otherwise (probe-backends.ts reports it, with a time limit). */
  probe(signal: AbortSignal): Promise<BackendProbe>
  /** Present when the backend runs language models (Ollama, OpenAI-compatible). */
  chat?: ChatClient
  /** Present when it makes media; its id is the backend id, which output configs name. */
  generator?: GenerationProvider
  /** Present when a model of it can look at pictures for the picture check (image_safety). */
  imageClassifier?: (model: string) => ImageClassifier
}

export type BackendFactory = (config: BackendConfig, gate: BackendGate) => Backend
