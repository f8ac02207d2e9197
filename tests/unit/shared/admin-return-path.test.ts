import { describe, expect, it } from 'vitest'
import { adminReturnPath } from '#shared/admin-return-path'

describe('adminReturnPath', () => {
  it('keeps admin pages with their query', () => {
    expect(adminReturnPath('/admin')).toBe('/admin')
    expect(adminReturnPath('/admin/sessions/s-1?tab=feed')).toBe('/admin/sessions/s-1?tab=feed')
  })

  it.each(['https://evil.example/admin', '//evil.example', '/admin//evil.example', '/administrator', '/', '/runs/x', '/admin/login', '/admin\\x', undefined, ['/admin/runs']])(
    'sends %j to /admin', (next) => {
      expect(adminReturnPath(next)).toBe('/admin')
    })
})
