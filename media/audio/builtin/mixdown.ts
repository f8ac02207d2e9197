const ECHO_SECONDS = 0.29
const ECHO_FEEDBACK = 0.3
/** Peak level after mixing: about -2 dBFS, so nothing ever reaches full scale. */
const PEAK = 0.78
const FADE_IN_SECONDS = 0.03
const FADE_OUT_SECONDS = 0.5

/** A soft room: one feedback echo makes single notes sound less lonely. */
function addEcho(buffer: Float32Array, sampleRate: number): void {
  const delay = Math.round(ECHO_SECONDS * sampleRate)
  for (let index = delay; index < buffer.length; index++) buffer[index]! += buffer[index - delay]! * ECHO_FEEDBACK
}

/** Takes the edge off the overtones; tablet speakers rattle on bright highs. */
function smooth(buffer: Float32Array, sampleRate: number): void {
  const keep = Math.exp(-2 * Math.PI * 5000 / sampleRate)
  let previous = 0
  for (let index = 0; index < buffer.length; index++) {
    previous = buffer[index]! * (1 - keep) + previous * keep
    buffer[index] = previous
  }
}

/** Echo, smoothing, fades and a fixed peak level, in place. */
export function mixdown(buffer: Float32Array, sampleRate: number): Float32Array {
  addEcho(buffer, sampleRate)
  smooth(buffer, sampleRate)
  const fadeIn = Math.round(FADE_IN_SECONDS * sampleRate)
  const fadeOut = Math.round(FADE_OUT_SECONDS * sampleRate)
  let peak = 0
  for (let index = 0; index < buffer.length; index++) {
    const fromEnd = buffer.length - 1 - index
    const fade = Math.min(1, index / fadeIn, fromEnd / fadeOut)
    buffer[index]! *= fade
    peak = Math.max(peak, Math.abs(buffer[index]!))
  }
  const gain = peak > 0 ? PEAK / peak : 0
  for (let index = 0; index < buffer.length; index++) buffer[index]! *= gain
  return buffer
}
