import { computed, onScopeDispose, type Ref, ref, watch } from 'vue'
import { sendPicture, type StoredPicture, type UploadFailure, uploadRefusalKey } from './upload-picture'

/**
 * sending: bytes on their way; checking: all sent, the server re-encodes and checks it;
 * waiting: the connection dropped, the next try comes soon; offline: the tries ran out ("try again");
 * refused: the server said no (or the stored picture is gone); ready: kept by the server.
 */
export type SlotState = 'sending' | 'checking' | 'waiting' | 'offline' | 'refused' | 'ready'

export interface PictureSlot {
  key: number
  /** The chosen file, kept until the server has it, so a dropped connection loses nothing. */
  file: File | null
  state: SlotState
  sent: number
  total: number
  /** How many tries the connection has failed so far. */
  failedTries: number
  picture: StoredPicture | null
  problemKey: string | null
}

/** Waits between the automatic tries after a dropped connection; then the child taps "try again". */
export const RETRY_DELAYS_MS = [1000, 3000, 8000] as const

let nextKey = 1

/**
 * The student's pictures on the idea step (at most `max`, shared/input-images.ts, passed in so that
 * constant stays in the idea step's own chunk): each chosen file is uploaded at once, tried again after
 * a dropped connection, and can be removed or replaced. `pictures` mirrors the ones the server kept.
 */
export function usePictureSlots(pictures: Ref<StoredPicture[]>, max: number) {
  const slots = ref<PictureSlot[]>(pictures.value.map(picture => slotOf(null, { state: 'ready', picture })))
  /** Per slot, how to stop what runs for it now (an upload or the wait before the next try). */
  const stops = new Map<number, () => void>()

  const free = computed(() => max - slots.value.length)
  const uploading = computed(() => slots.value.some(slot => ['sending', 'checking', 'waiting'].includes(slot.state)))

  watch(slots, (now) => {
    const kept = now.flatMap(slot => (slot.state === 'ready' && slot.picture ? [slot.picture] : []))
    if (JSON.stringify(kept) !== JSON.stringify(pictures.value)) pictures.value = kept
  }, { deep: true })

  function slotOf(file: File | null, fields: Partial<PictureSlot> = {}): PictureSlot {
    return { key: nextKey++, file, state: 'sending', sent: 0, total: file?.size ?? 0, failedTries: 0, picture: null, problemKey: null, ...fields }
  }

  const find = (key: number) => slots.value.find(slot => slot.key === key)

  function add(files: File[]) {
    for (const file of files.slice(0, free.value)) {
      const slot = slotOf(file)
      slots.value.push(slot)
      send(slot.key)
    }
  }

  function replace(key: number, file: File) {
    const slot = find(key)
    if (!slot) return
    stop(key)
    Object.assign(slot, { file, state: 'sending', sent: 0, total: file.size, failedTries: 0, picture: null, problemKey: null })
    send(key)
  }

  function remove(key: number) {
    stop(key)
    slots.value = slots.value.filter(slot => slot.key !== key)
  }

  function tryAgain(key: number) {
    const slot = find(key)
    if (!slot?.file || (slot.state !== 'offline' && slot.state !== 'refused')) return
    Object.assign(slot, { state: 'sending', sent: 0, failedTries: 0, problemKey: null })
    send(key)
  }

  /** The preview did not load: the server no longer has the picture (it expired), so it cannot go into a run. */
  function lost(key: number) {
    const slot = find(key)
    if (slot?.state === 'ready') Object.assign(slot, { state: 'refused', picture: null, problemKey: 'pictures.gone' })
  }

  function stop(key: number) {
    stops.get(key)?.()
    stops.delete(key)
  }

  function send(key: number) {
    const slot = find(key)
    if (!slot?.file) return
    const file = slot.file
    Object.assign(slot, { state: 'sending', sent: 0, total: file.size })
    const upload = sendPicture(file, ({ sent, total }) => {
      const current = find(key)
      if (current?.file !== file) return
      Object.assign(current, { sent, total, state: sent >= total ? 'checking' : 'sending' })
    })
    stops.set(key, upload.abort)
    upload.done.then(
      (picture) => {
        const current = find(key)
        if (current?.file !== file) return
        stops.delete(key)
        Object.assign(current, { state: 'ready', picture, sent: current.total })
      },
      (failure: UploadFailure) => {
        const current = find(key)
        if (failure.kind === 'aborted' || current?.file !== file) return
        stops.delete(key)
        if (failure.kind === 'refused') {
          Object.assign(current, { state: 'refused', problemKey: uploadRefusalKey(failure) })
          return
        }
        current.failedTries += 1
        const delay = RETRY_DELAYS_MS[current.failedTries - 1]
        if (delay === undefined) {
          Object.assign(current, { state: 'offline', problemKey: 'pictures.offline' })
          return
        }
        current.state = 'waiting'
        const timer = setTimeout(() => send(key), delay)
        stops.set(key, () => clearTimeout(timer))
      },
    )
  }

  onScopeDispose(() => {
    for (const key of [...stops.keys()]) stop(key)
  })

  return { slots, free, uploading, add, replace, remove, tryAgain, lost }
}
