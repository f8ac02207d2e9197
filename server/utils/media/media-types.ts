import { allMedia } from '../../../media/server-registry'

const BY_EXTENSION: Record<string, string> = Object.assign({}, ...allMedia().map(medium => medium.files))

/** The type a file is served with, from the extensions the media register (media/<type>/server.ts). */
export function mimeTypeOf(fileName: string): string {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()
  return BY_EXTENSION[extension] ?? 'application/octet-stream'
}
