import { defaultDevice, type Device } from './api'
import type { TestServer } from './server'

export interface UploadFile { data: Buffer, type?: string, name?: string, field?: string }

/**
 * POSTs pictures to /api/uploads as an iPad's form does (multipart/form-data), as `device`.
 * Several files go in one form (the server must refuse that); `field` renames the file field.
 */
export async function upload(server: TestServer, files: UploadFile | UploadFile[], device: Device = defaultDevice(server)) {
  const form = new FormData()
  for (const file of [files].flat()) {
    form.append(file.field ?? 'image', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'image/jpeg' }), file.name ?? 'photo.jpg')
  }
  const response = await fetch(`${server.url}/api/uploads`, { method: 'POST', body: form, headers: device.cookies.size ? { cookie: device.cookieHeader } : {} })
  device.remember(response)
  const text = await response.text()
  let body: any = text
  try { body = JSON.parse(text) }
  catch { /* not JSON */ }
  return { status: response.status, headers: response.headers, body }
}

/** The stored picture, as its owner (or anyone else) asks for it. */
export async function storedPicture(server: TestServer, uploadId: string, device?: Device) {
  const response = await fetch(`${server.url}/api/uploads/${uploadId}`, { headers: device?.cookies.size ? { cookie: device.cookieHeader } : {} })
  return { status: response.status, headers: response.headers, data: Buffer.from(await response.arrayBuffer()) }
}
