import type { BackendConfig } from '#shared/schemas/providers'

/** How messages name a backend: its id and where it is, so a leader knows which one to check. */
export function backendLabel(config: BackendConfig) {
  return `${config.id} (${config.url})`
}

/** The configured URL without trailing slashes, for appending API paths. */
export function baseUrl(config: BackendConfig) {
  return config.url.replace(/\/+$/, '')
}

/** The API key as a Bearer header (OpenAI-compatible APIs, Replicate); none without a key. */
export function authorization(config: BackendConfig): Record<string, string> {
  return config.api_key ? { authorization: `Bearer ${config.api_key}` } : {}
}
