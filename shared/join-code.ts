/** Join codes use letters and digits that cannot be mistaken for each other: no 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 6

/** Upper-case, without spaces or dashes, so "abc-234" and "ABC 234" are the same code. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_.]/g, '')
}

export function isJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every(char => JOIN_CODE_ALPHABET.includes(char))
}
