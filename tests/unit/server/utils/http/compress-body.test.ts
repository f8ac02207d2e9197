import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { chooseEncoding, compressBody, isCompressibleType } from '../../../../../server/utils/http/compress-body'

describe('chooseEncoding', () => {
  it('prefers Brotli, as Chromium and iPad Safari send it', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(chooseEncoding('gzip, deflate, br')).toBe('br')
  })

  it('takes gzip when Brotli is not offered or refused', () => {
    expect(chooseEncoding('gzip, deflate')).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip')
  })

  it('answers plain when the client names neither, refuses both, or sends no header', () => {
    expect(chooseEncoding(undefined)).toBeNull()
    expect(chooseEncoding('identity')).toBeNull()
    expect(chooseEncoding('deflate')).toBeNull()
    expect(chooseEncoding('br;q=0, gzip;q=0')).toBeNull()
  })

  it('reads a wildcard as every encoding not named otherwise', () => {
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('br;q=0, *')).toBe('gzip')
  })
})

describe('isCompressibleType', () => {
  it('compresses text, JSON, JavaScript and SVG, never images, sound or video', () => {
    for (const type of ['text/html;charset=utf-8', 'application/json', 'application/javascript', 'image/svg+xml']) expect(isCompressibleType(type)).toBe(true)
    for (const type of ['image/png', 'image/webp', 'audio/wav', 'video/mp4', 'application/zip', undefined]) expect(isCompressibleType(type)).toBe(false)
  })
})

describe('compressBody', () => {
  it('gives back the same bytes after decompression', async () => {
    const body = Buffer.from(JSON.stringify(Array.from({ length: 200 }, (_, index) => ({ index, text: 'Ein rotes Haus am Meer' }))))
    const brotli = await compressBody(body, 'br')
    const gzip = await compressBody(body, 'gzip')
    expect(brotliDecompressSync(brotli).equals(body)).toBe(true)
    expect(gunzipSync(gzip).equals(body)).toBe(true)
    expect(brotli.length).toBeLessThan(body.length / 5)
  })
})
