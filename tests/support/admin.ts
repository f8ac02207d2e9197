import { api, Device } from './api'
import type { TestServer } from './server'

/** Start servers with `env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }` to get the leader `admin`. */
export const TEST_ADMIN_PASSWORD = 'test-password-123'

/** A leader's laptop, signed in: pass it as `device` to api() calls. Fails loudly if sign-in does not work. */
export async function signInAsLeader(server: TestServer, name = 'admin', password = TEST_ADMIN_PASSWORD): Promise<Device> {
  const device = new Device()
  const response = await api(server, '/api/admin/login', { body: { name, password }, device })
  if (response.status !== 200) throw new Error(`Signing in as leader "${name}" failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return device
}
