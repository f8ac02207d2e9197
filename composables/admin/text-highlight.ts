export interface TextPiece { text: string, match: boolean }

/** Splits `text` into plain and matching pieces (case-insensitive), so the page can mark the search term. */
export function highlightPieces(text: string, term: string): TextPiece[] {
  const needle = term.trim().toLowerCase()
  if (!needle) return text ? [{ text, match: false }] : []
  const pieces: TextPiece[] = []
  const haystack = text.toLowerCase()
  let from = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    if (at > from) pieces.push({ text: text.slice(from, at), match: false })
    pieces.push({ text: text.slice(at, at + needle.length), match: true })
    from = at + needle.length
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false })
  return pieces
}

/** At most `length` characters of `text`, cut around the first match so the term stays visible. */
export function excerpt(text: string, term: string, length = 140): string {
  if (text.length <= length) return text
  const at = term.trim() ? text.toLowerCase().indexOf(term.trim().toLowerCase()) : -1
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - Math.floor(length / 3), text.length - length))
  const end = start + length
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`
}
