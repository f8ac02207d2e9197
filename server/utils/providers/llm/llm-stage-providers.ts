import type { ChatClient } from '../backends/backend'
import type { InterceptionProvider, SafetyProvider, TranslationProvider } from '../types'

// Placeholder signatures for the registry; the language-model work replaces this file.

export function llmInterception(_backendId: string, _chat: ChatClient, _model: string): InterceptionProvider {
  throw new Error('not implemented yet')
}

export function llmTranslation(_backendId: string, _chat: ChatClient, _model: string): TranslationProvider {
  throw new Error('not implemented yet')
}

/** Term lists first (offline, instant), then the language model; fails closed for kids and youth. */
export function llmSafety(_backendId: string, _chat: ChatClient, _model: string, _termLists: SafetyProvider): SafetyProvider {
  throw new Error('not implemented yet')
}
