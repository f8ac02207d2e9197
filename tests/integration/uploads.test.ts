import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, ensureJoined } from '../support/api'
import { startServer, type TestServer } from '../support/server'
import { drawing, drawingSvg, drawnFaceSvg, orientationMarker, pngClaiming, shownAt, stickerSvg } from '../support/test-pictures'
import { storedPicture, upload } from '../support/uploads'

// One server for the whole matrix; the open studio is at youth, so faces are looked for and pictures checked.
let server: TestServer
let student: Device
let leader: Device

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  student = new Device()
  await ensureJoined(server, student)
  leader = await signInAsLeader(server)
})
afterAll(async () => {
  await server?.stop()
})

async function studentOfNewSession(settings: Record<string, unknown>) {
  const created = await api(server, '/api/admin/sessions', { body: { name: 'Pictures', ...settings }, device: leader })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const device = new Device()
  expect((await api(server, '/api/join', { body: { code: created.body.join_code, language: 'en' }, device })).status).toBe(200)
  return device
}

const expectRefusal = (response: { status: number, body: any }, status: number, reason: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  expect(response.body.data?.reason).toBe(reason)
  expect(response.body.message).toMatch(/^[A-Z].{10,}/)
  expect(JSON.stringify(response.body)).not.toMatch(/at .+\.(m?js|ts):\d+/)
}

describe('POST /api/uploads', () => {
  it.each([
    ['jpeg', 'image/jpeg'], ['png', 'image/png'], ['webp', 'image/webp'],
  ] as const)('takes a %s picture, re-encoded as JPEG without transparency', async (format, type) => {
    const response = await upload(server, { data: await drawing(format), type }, student)
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body).toMatchObject({ width: 640, height: 480, mime: 'image/jpeg', faces_found: 0, faces_blurred: false })
    const stored = await storedPicture(server, response.body.upload_id, student)
    expect(stored.status).toBe(200)
    expect(stored.headers.get('content-type')).toBe('image/jpeg')
    expect(stored.headers.get('cache-control')).toMatch(/private/)
    expect((await sharp(stored.data).metadata()).format).toBe('jpeg')
    const again = await fetch(`${server.url}/api/uploads/${response.body.upload_id}`, { headers: { cookie: student.cookieHeader, 'if-none-match': stored.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('keeps transparency as PNG and shrinks the longest side to 2048 px', async () => {
    const data = await sharp(stickerSvg(3000, 2250)).png().toBuffer()
    const response = await upload(server, { data, type: 'image/png' }, student)
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body).toMatchObject({ width: 2048, height: 1536, mime: 'image/png' })
    const stored = await storedPicture(server, response.body.upload_id, student)
    expect(await sharp(stored.data).metadata()).toMatchObject({ format: 'png', width: 2048, height: 1536, hasAlpha: true })
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('turns a picture with EXIF orientation %i upright', async (orientation) => {
    const response = await upload(server, { data: await orientationMarker(orientation) }, student)
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    const stored = await storedPicture(server, response.body.upload_id, student)
    const { data, info } = await sharp(stored.data).raw().toBuffer({ resolveWithObject: true })
    const turned = orientation >= 5
    expect([info.width, info.height]).toEqual(turned ? [32, 64] : [64, 32])
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
    const [redX, redY] = shownAt(orientation, 16, 8, 64, 32)
    const [whiteX, whiteY] = shownAt(orientation, 48, 24, 64, 32)
    expect(pixel(redX, redY)[0]).toBeGreaterThan(200)
    expect(pixel(redX, redY)[1]).toBeLessThan(80)
    expect(pixel(whiteX, whiteY)[1]).toBeGreaterThan(200)
    expect((await sharp(stored.data).metadata()).orientation).toBeUndefined()
  })

  it('stores no GPS, camera, owner or other metadata, and never the original bytes', async () => {
    const original = await sharp(drawingSvg()).jpeg().withMetadata({ orientation: 1 }).withExif({
      IFD0: { Make: 'SecretCam', Model: 'Model 9', Artist: 'Anna Beispiel', Copyright: 'Anna Beispiel' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 36/1' },
    }).toBuffer()
    expect(original.includes('Anna Beispiel')).toBe(true)
    const response = await upload(server, { data: original }, student)
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    const stored = await storedPicture(server, response.body.upload_id, student)
    const metadata = await sharp(stored.data).metadata()
    expect(metadata.exif).toBeUndefined()
    expect(metadata.xmp).toBeUndefined()
    expect(metadata.iptc).toBeUndefined()
    expect(metadata.icc).toBeUndefined()
    for (const secret of ['Anna Beispiel', 'SecretCam', 'GPS']) expect(stored.data.includes(secret)).toBe(false)
    const onDisk = readFileSync(join(server.dataDir, 'uploads', response.body.upload_id, 'picture.jpg'))
    expect(onDisk.equals(stored.data)).toBe(true)
    expect(onDisk.equals(original)).toBe(false)
  })

  it('refuses a tiny file that claims 30,000 × 30,000 pixels without decoding it', async () => {
    const bomb = pngClaiming(30_000, 30_000)
    expect(bomb.length).toBeLessThan(200)
    expectRefusal(await upload(server, { data: bomb, type: 'image/png', name: 'bomb.png' }, student), 413, 'too_many_pixels')
    expect((await api(server, '/api/health')).status).toBe(200)
  })

  it('refuses more than 15 MB, declared or streamed', async () => {
    const big = Buffer.concat([await drawing('jpeg'), Buffer.alloc(16 * 1024 * 1024, 7)])
    expectRefusal(await upload(server, { data: big }, student), 413, 'too_large')
    // No Content-Length: the server must stop at the limit while the body streams in.
    const boundary = 'x-boundary-x'
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`)
    const chunk = Buffer.alloc(1024 * 1024, 1)
    let sent = 0
    const body = new ReadableStream({
      pull(controller) {
        if (sent === 0) controller.enqueue(head)
        if (sent++ < 20) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const response = await fetch(`${server.url}/api/uploads`, {
      method: 'POST', body, duplex: 'half', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: student.cookieHeader },
    } as RequestInit)
    expect(response.status).toBe(413)
    expect((await response.json()).data.reason).toBe('too_large')
  })

  it('refuses other picture types and files that are no pictures with 415', async () => {
    expectRefusal(await upload(server, { data: await drawing('gif'), type: 'image/gif', name: 'a.gif' }, student), 415, 'wrong_type')
    expectRefusal(await upload(server, { data: await drawing('tiff'), type: 'image/tiff', name: 'a.tiff' }, student), 415, 'wrong_type')
    expectRefusal(await upload(server, { data: drawingSvg(), type: 'image/svg+xml', name: 'a.svg' }, student), 415, 'wrong_type')
    expectRefusal(await upload(server, { data: Buffer.from('%PDF-1.4 not a picture'), type: 'application/pdf', name: 'a.pdf' }, student), 415, 'wrong_type')
    const heic = Buffer.concat([Buffer.from('0000001c6674797068656963', 'hex'), Buffer.alloc(64)])
    const refused = await upload(server, { data: heic, type: 'image/heic', name: 'IMG_0001.HEIC' }, student)
    expectRefusal(refused, 415, 'heic')
    expect(refused.body.message).toMatch(/JPEG/)
  })

  it('refuses bytes that are not a picture and a truncated picture with 400', async () => {
    expectRefusal(await upload(server, { data: Buffer.from('hello, this is text'), type: 'image/jpeg' }, student), 400, 'not_a_picture')
    const whole = await sharp(drawingSvg()).jpeg().toBuffer()
    expectRefusal(await upload(server, { data: whole.subarray(0, Math.floor(whole.length / 2)) }, student), 400, 'not_a_picture')
    const png = await drawing('png')
    expectRefusal(await upload(server, { data: png.subarray(0, Math.floor(png.length * 0.6)), type: 'image/png' }, student), 400, 'not_a_picture')
  })

  it('takes exactly one file field named image', async () => {
    const picture = await drawing('jpeg')
    expectRefusal(await upload(server, [{ data: picture }, { data: picture }], student), 400, 'too_many_files')
    expectRefusal(await upload(server, { data: picture, field: 'photo' }, student), 400, 'no_picture')
    expectRefusal(await upload(server, [], student), 400, 'no_picture')
  })

  it('refuses a form another site posts', async () => {
    const form = new FormData()
    form.append('image', new Blob([new Uint8Array(await drawing('jpeg'))], { type: 'image/jpeg' }), 'a.jpg')
    const response = await fetch(`${server.url}/api/uploads`, { method: 'POST', body: form, headers: { cookie: student.cookieHeader, origin: 'https://evil.example' } })
    expect(response.status).toBe(403)
    expect((await response.json()).data.reason).toBe('cross_site')
  })

  it('is only for a participant who joined', async () => {
    expect((await upload(server, { data: await drawing('jpeg') }, new Device())).status).toBe(403)
  })

  it('answers 403 with a sentence when the session forbids pictures', async () => {
    const device = await studentOfNewSession({ safety_level: 'kids', picture_input: false })
    expectRefusal(await upload(server, { data: await drawing('jpeg') }, device), 403, 'pictures_off')
  })
})

describe('GET /api/uploads/:id', () => {
  it('shows an upload to its owner only: another participant and an anonymous caller get 404', async () => {
    const response = await upload(server, { data: await drawing('jpeg') }, student)
    const other = new Device()
    await ensureJoined(server, other)
    expect((await storedPicture(server, response.body.upload_id, other)).status).toBe(404)
    expect((await storedPicture(server, response.body.upload_id)).status).toBe(404)
    expect((await storedPicture(server, '../../storage-id', student)).status).toBe(404)
  })

  it('answers 404 once an upload no run used has expired', async () => {
    const response = await upload(server, { data: await drawing('jpeg') }, student)
    const file = join(server.dataDir, 'uploads', response.body.upload_id, 'record.json')
    const record = JSON.parse(readFileSync(file, 'utf8'))
    writeFileSync(file, JSON.stringify({ ...record, expires_at: new Date(Date.now() - 1000).toISOString() }))
    expect((await storedPicture(server, response.body.upload_id, student)).status).toBe(404)
  })
})

describe('faces at kids and youth', () => {
  /** Fine detail (the eyes, brows and mouth of a drawn face): the mean step between neighbouring pixels, which blurring flattens. */
  const detail = async (picture: Buffer) => {
    const { data, info } = await sharp(picture).extract({ left: 150, top: 200, width: 210, height: 200 }).greyscale().raw().toBuffer({ resolveWithObject: true })
    let sum = 0
    for (let y = 0; y < info.height; y++) {
      for (let x = 1; x < info.width; x++) sum += Math.abs(data[y * info.width + x]! - data[y * info.width + x - 1]!)
    }
    return sum / (info.height * (info.width - 1))
  }

  it('blurs a face and says so', async () => {
    const face = await sharp(drawnFaceSvg()).jpeg().toBuffer()
    const response = await upload(server, { data: face }, student)
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body).toMatchObject({ faces_found: 1, faces_blurred: true, message_key: 'uploads.notice.faces_blurred' })
    const stored = await storedPicture(server, response.body.upload_id, student)
    expect(await detail(stored.data)).toBeLessThan((await detail(face)) / 4)
  })

  it('refuses a picture with a face when the session says so', async () => {
    const device = await studentOfNewSession({ safety_level: 'kids', faces: 'refuse' })
    expectRefusal(await upload(server, { data: await sharp(drawnFaceSvg()).jpeg().toBuffer() }, device), 422, 'faces_found')
    expect((await upload(server, { data: await drawing('jpeg') }, device)).status).toBe(201)
  })

  it('leaves faces alone at the adult level', async () => {
    const device = await studentOfNewSession({ safety_level: 'adult' })
    const response = await upload(server, { data: await sharp(drawnFaceSvg()).jpeg().toBuffer() }, device)
    expect(response.body).toMatchObject({ faces_found: 0, faces_blurred: false })
  })
})
