/** Attack, decay and release in seconds, sustain as a share of the peak. */
export interface Adsr { attack: number, decay: number, sustain: number, release: number }

/** A soft mallet: quick but not clicky, ringing gently after the note. */
export const MALLET: Adsr = { attack: 0.012, decay: 0.25, sustain: 0.45, release: 0.35 }
/** A drone breathes in and out slowly. */
export const SWELL: Adsr = { attack: 1.2, decay: 0.5, sustain: 0.85, release: 1.5 }

function heldLevel({ attack, decay, sustain }: Adsr, time: number): number {
  if (time < attack) return time / attack
  if (time < attack + decay) return 1 - (1 - sustain) * ((time - attack) / decay)
  return sustain
}

/** Loudness 0..1 at `time` seconds into a note held for `held` seconds. */
export function adsrLevel(envelope: Adsr, time: number, held: number): number {
  if (time < 0) return 0
  if (time < held) return heldLevel(envelope, time)
  const fading = (time - held) / envelope.release
  return fading >= 1 ? 0 : heldLevel(envelope, held) * (1 - fading)
}
