import { describe, expect, it } from 'vitest'
import { crossSiteRefusal, type RequestOrigins } from '../../../../../server/utils/http/same-origin'

const own = 'http://127.0.0.1:3000'
const request = (overrides: Partial<RequestOrigins> & { headers?: RequestOrigins['headers'] }): RequestOrigins =>
  ({ method: 'POST', path: '/api/admin/leaders', allowed: [own, 'https://kunst.schule.de'], headers: {}, ...overrides })
const json = { 'content-type': 'application/json', 'content-length': '20' }

describe('crossSiteRefusal', () => {
  it('lets reading requests through whatever they carry', () => {
    expect(crossSiteRefusal(request({ method: 'GET', headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } }))).toBeNull()
  })

  it('refuses a form of a page on another port of the same host, whatever its type', () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json']) {
      expect(crossSiteRefusal(request({ headers: { 'content-type': type, origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' } }))).toMatch(/another site/)
    }
  })

  it('refuses a foreign Origin alone, a null Origin, and a foreign Sec-Fetch-Site alone', () => {
    expect(crossSiteRefusal(request({ headers: { ...json, origin: 'http://127.0.0.1:4000' } }))).toMatch(/another site/)
    expect(crossSiteRefusal(request({ headers: { ...json, origin: 'null' } }))).toMatch(/another site/)
    expect(crossSiteRefusal(request({ headers: { ...json, 'sec-fetch-site': 'cross-site' } }))).toMatch(/another site/)
  })

  it('accepts JSON from the app itself, or from the public address behind a proxy', () => {
    expect(crossSiteRefusal(request({ headers: { ...json, origin: own, 'sec-fetch-site': 'same-origin' } }))).toBeNull()
    expect(crossSiteRefusal(request({ headers: { ...json, origin: 'https://kunst.schule.de' } }))).toBeNull()
  })

  it('accepts a script (no Origin, no Sec-Fetch-Site) only with a JSON body', () => {
    expect(crossSiteRefusal(request({ headers: json }))).toBeNull()
    expect(crossSiteRefusal(request({ headers: { 'content-type': 'text/plain', 'content-length': '20' } }))).toMatch(/application\/json/)
    expect(crossSiteRefusal(request({ headers: {} }))).toMatch(/application\/json/)
  })

  it('accepts a same-origin browser request without a body and without a type, but not with an untyped body', () => {
    expect(crossSiteRefusal(request({ headers: { origin: own, 'sec-fetch-site': 'same-origin' } }))).toBeNull()
    expect(crossSiteRefusal(request({ headers: { origin: own, 'content-length': '5' } }))).toMatch(/application\/json/)
  })

  it('takes multipart/form-data only on upload routes', () => {
    const multipart = { 'content-type': 'multipart/form-data; boundary=x', origin: own }
    expect(crossSiteRefusal(request({ headers: multipart }))).toMatch(/application\/json/)
    expect(crossSiteRefusal(request({ path: '/api/uploads', headers: multipart }))).toBeNull()
    expect(crossSiteRefusal(request({ path: '/api/uploads/pictures?session=a', headers: multipart }))).toBeNull()
    expect(crossSiteRefusal(request({ path: '/api/uploadsx', headers: multipart }))).toMatch(/application\/json/)
  })
})
