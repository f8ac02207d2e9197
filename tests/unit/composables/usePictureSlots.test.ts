import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { RETRY_DELAYS_MS, usePictureSlots } from '../../../composables/pictures/usePictureSlots'
import type { StoredPicture } from '../../../composables/pictures/upload-picture'
import { uploadRefusalKey } from '../../../composables/pictures/upload-picture'

/** An XMLHttpRequest whose network the test plays: progress, an answer, or a dropped connection. */
class ScriptedRequest {
  static made: ScriptedRequest[] = []
  upload: { onprogress: ((event: { lengthComputable: boolean, loaded: number, total: number }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null
  onabort: (() => void) | null = null
  status = 0
  responseText = ''
  timeout = 0
  method = ''
  url = ''
  body: FormData | null = null
  aborted = false
  constructor() { ScriptedRequest.made.push(this) }
  open(method: string, url: string) { this.method = method; this.url = url }
  send(body: FormData) { this.body = body }
  abort() { this.aborted = true; this.onabort?.() }
  progress(loaded: number, total: number) { this.upload.onprogress?.({ lengthComputable: true, loaded, total }) }
  answer(status: number, body: unknown) { this.status = status; this.responseText = JSON.stringify(body); this.onload?.() }
  drop() { this.onerror?.() }
}

const file = (name: string, size = 3000) => new File([new Uint8Array(size)], name, { type: 'image/jpeg' })
const stored = (id: string): StoredPicture => ({ upload_id: id, width: 640, height: 480, faces_blurred: false })
const settle = () => nextTick().then(() => Promise.resolve())

function slotsWith(initial: StoredPicture[] = []) {
  const pictures = ref(initial)
  const scope = effectScope()
  const slots = scope.run(() => usePictureSlots(pictures, 3))!
  return { pictures, scope, ...slots }
}

beforeEach(() => {
  ScriptedRequest.made = []
  vi.stubGlobal('XMLHttpRequest', ScriptedRequest)
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the student’s pictures on the idea step', () => {
  it('sends each chosen file as the form field `image`, shows the bytes sent and keeps what the server kept', async () => {
    const { add, slots, pictures, uploading } = slotsWith()
    add([file('house.jpg')])
    const [request] = ScriptedRequest.made
    expect(request!.method).toBe('POST')
    expect(request!.url).toBe('/api/uploads')
    expect((request!.body!.get('image') as File).name).toBe('house.jpg')
    request!.progress(1200, 3200)
    expect(slots.value[0]).toMatchObject({ state: 'sending', sent: 1200, total: 3200 })
    request!.progress(3200, 3200)
    expect(slots.value[0]!.state).toBe('checking')
    expect(uploading.value).toBe(true)
    request!.answer(201, { upload_id: 'u1', width: 640, height: 480, mime: 'image/jpeg', faces_found: 1, faces_blurred: true })
    await settle()
    expect(slots.value[0]).toMatchObject({ state: 'ready', picture: { upload_id: 'u1', faces_blurred: true } })
    expect(uploading.value).toBe(false)
    expect(pictures.value.map(picture => picture.upload_id)).toEqual(['u1'])
  })

  it('keeps the file through a dropped connection, tries again after growing waits, then offers “try again”', async () => {
    const { add, slots, tryAgain } = slotsWith()
    add([file('star.png')])
    for (const [index, delay] of RETRY_DELAYS_MS.entries()) {
      ScriptedRequest.made[index]!.drop()
      await settle()
      expect(slots.value[0]!.state).toBe('waiting')
      await vi.advanceTimersByTimeAsync(delay - 1)
      expect(ScriptedRequest.made).toHaveLength(index + 1)
      await vi.advanceTimersByTimeAsync(1)
      expect(ScriptedRequest.made).toHaveLength(index + 2)
      expect((ScriptedRequest.made[index + 1]!.body!.get('image') as File).name).toBe('star.png')
    }
    ScriptedRequest.made.at(-1)!.drop()
    await settle()
    expect(slots.value[0]).toMatchObject({ state: 'offline', problemKey: 'pictures.offline' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(ScriptedRequest.made).toHaveLength(RETRY_DELAYS_MS.length + 1)
    tryAgain(slots.value[0]!.key)
    ScriptedRequest.made.at(-1)!.answer(201, { upload_id: 'u2', width: 10, height: 10, mime: 'image/png', faces_found: 0, faces_blurred: false })
    await settle()
    expect(slots.value[0]!.state).toBe('ready')
  })

  it('shows the server’s refusal in child words and does not try again by itself', async () => {
    const { add, slots, pictures } = slotsWith()
    add([file('face.jpg')])
    ScriptedRequest.made[0]!.answer(422, { statusCode: 422, statusMessage: 'This picture shows a face.', data: { reason: 'faces_found', message_key: 'uploads.refused.faces_found' } })
    await settle()
    expect(slots.value[0]).toMatchObject({ state: 'refused', problemKey: 'uploads.refused.faces_found' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(ScriptedRequest.made).toHaveLength(1)
    expect(pictures.value).toEqual([])
  })

  it('takes at most three pictures, and removing or replacing one stops its upload', async () => {
    const { add, slots, remove, replace, free } = slotsWith([stored('kept')])
    add([file('a.jpg'), file('b.jpg'), file('c.jpg')])
    expect(slots.value).toHaveLength(3)
    expect(free.value).toBe(0)
    const [first, second] = ScriptedRequest.made
    remove(slots.value[1]!.key)
    expect(first!.aborted).toBe(true)
    replace(slots.value[1]!.key, file('d.jpg'))
    expect(second!.aborted).toBe(true)
    expect((ScriptedRequest.made.at(-1)!.body!.get('image') as File).name).toBe('d.jpg')
    expect(slots.value.map(slot => slot.state)).toEqual(['ready', 'sending'])
  })

  it('keeps the pictures in the student’s order, without the ones still on their way', async () => {
    const { add, pictures } = slotsWith([stored('first')])
    add([file('second.jpg'), file('third.jpg')])
    ScriptedRequest.made[1]!.answer(201, { upload_id: 'third', width: 1, height: 1, mime: 'image/jpeg', faces_found: 0, faces_blurred: false })
    await settle()
    expect(pictures.value.map(picture => picture.upload_id)).toEqual(['first', 'third'])
    ScriptedRequest.made[0]!.answer(201, { upload_id: 'second', width: 1, height: 1, mime: 'image/jpeg', faces_found: 0, faces_blurred: false })
    await settle()
    expect(pictures.value.map(picture => picture.upload_id)).toEqual(['first', 'second', 'third'])
  })
})

describe('uploadRefusalKey', () => {
  it('follows the server’s sentence key, then the reason, then the status', () => {
    expect(uploadRefusalKey({ kind: 'refused', status: 429, reason: 'too_many_requests', messageKey: 'uploads.refused.too_many_uploads' })).toBe('uploads.refused.too_many_uploads')
    expect(uploadRefusalKey({ kind: 'refused', status: 415, reason: 'heic', messageKey: null })).toBe('uploads.refused.heic')
    expect(uploadRefusalKey({ kind: 'refused', status: 403, reason: 'session_closed', messageKey: null })).toBe('session.refused.session_closed')
    expect(uploadRefusalKey({ kind: 'refused', status: 413, reason: null, messageKey: null })).toBe('uploads.refused.too_large')
    expect(uploadRefusalKey({ kind: 'refused', status: 500, reason: 'something_new', messageKey: 'evil.key' })).toBe('pictures.refused_other')
  })
})
