import type { Ref } from 'vue'

const MAX_SCALE = 5
const DOUBLE_TAP_SCALE = 2.5
const DOUBLE_TAP_MS = 300
/** A finger that moves less than this is a tap, not a drag. */
const TAP_SLOP_PX = 12

interface Point { x: number, y: number }

/**
 * Pinch to zoom, drag to look around and double tap to zoom in or out, with pointer events on
 * one element. Unlike the browser's own page zoom, the close button stays where it is.
 */
export function usePinchZoom(stage: Ref<HTMLElement | null>) {
  const scale = ref(1)
  const offset = ref<Point>({ x: 0, y: 0 })
  const pointers = new Map<number, Point>()
  let gesture: { scale: number, offset: Point, centre: Point, distance: number } | null = null
  let tap: { at: number, point: Point } | null = null
  let lastTap: { at: number, point: Point } | null = null

  const transform = computed(() => `translate(${offset.value.x}px, ${offset.value.y}px) scale(${scale.value})`)

  function local(event: PointerEvent): Point {
    const box = stage.value!.getBoundingClientRect()
    return { x: event.clientX - box.left, y: event.clientY - box.top }
  }

  /** Scales around a point of the stage and keeps the picture covering the place it had. */
  function zoomTo(next: number, centre: Point, from = { scale: scale.value, offset: offset.value, centre }) {
    const box = stage.value!.getBoundingClientRect()
    const s = Math.min(MAX_SCALE, Math.max(1, next))
    const clamp = (value: number, size: number) => Math.min(0, Math.max(size - size * s, value))
    scale.value = s
    offset.value = {
      x: clamp(centre.x - (from.centre.x - from.offset.x) * s / from.scale, box.width),
      y: clamp(centre.y - (from.centre.y - from.offset.y) * s / from.scale, box.height),
    }
  }

  function begin() {
    const [a, b] = [...pointers.values()]
    if (!a) return (gesture = null)
    const centre = b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : a
    gesture = { scale: scale.value, offset: offset.value, centre, distance: b ? Math.hypot(a.x - b.x, a.y - b.y) : 0 }
  }

  function onPointerDown(event: PointerEvent) {
    stage.value?.setPointerCapture(event.pointerId)
    pointers.set(event.pointerId, local(event))
    tap = pointers.size === 1 ? { at: Date.now(), point: local(event) } : null
    begin()
  }

  function onPointerMove(event: PointerEvent) {
    if (!pointers.has(event.pointerId) || !gesture) return
    const point = local(event)
    pointers.set(event.pointerId, point)
    if (tap && Math.hypot(point.x - tap.point.x, point.y - tap.point.y) > TAP_SLOP_PX) tap = null
    const [a, b] = [...pointers.values()] as [Point, Point | undefined]
    if (b) {
      const centre = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
      zoomTo(gesture.scale * Math.hypot(a.x - b.x, a.y - b.y) / gesture.distance, centre, gesture)
    }
    else if (scale.value > 1) {
      zoomTo(scale.value, a, { ...gesture, scale: scale.value })
    }
  }

  function onPointerUp(event: PointerEvent) {
    pointers.delete(event.pointerId)
    if (tap && event.type === 'pointerup' && Date.now() - tap.at < DOUBLE_TAP_MS) {
      const second = lastTap && tap.at - lastTap.at < DOUBLE_TAP_MS
      if (second) zoomTo(scale.value > 1 ? 1 : DOUBLE_TAP_SCALE, tap.point)
      lastTap = second ? null : tap
    }
    tap = null
    begin()
  }

  function reset() {
    pointers.clear()
    gesture = null
    tap = lastTap = null
    scale.value = 1
    offset.value = { x: 0, y: 0 }
  }

  const listeners = { pointerdown: onPointerDown, pointermove: onPointerMove, pointerup: onPointerUp, pointercancel: onPointerUp }
  return { scale, transform, listeners, reset, zoomTo }
}
