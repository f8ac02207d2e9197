export interface DiffPiece { text: string, change: 'same' | 'added' | 'removed' }

/**
 * Word-level difference between two prompt versions (longest common subsequence). Prompts are at
 * most 2,000 characters, so the quadratic table stays small.
 */
export function wordDiff(before: string, after: string): DiffPiece[] {
  const a = before.split(/(\s+)/).filter(Boolean)
  const b = after.split(/(\s+)/).filter(Boolean)
  const common = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!)
    }
  }
  const pieces: DiffPiece[] = []
  const push = (text: string, change: DiffPiece['change']) => {
    const last = pieces.at(-1)
    if (last?.change === change) last.text += text
    else pieces.push({ text, change })
  }
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { push(a[i]!, 'same'); i++; j++ }
    else if (common[i + 1]![j]! >= common[i]![j + 1]!) push(a[i++]!, 'removed')
    else push(b[j++]!, 'added')
  }
  while (i < a.length) push(a[i++]!, 'removed')
  while (j < b.length) push(b[j++]!, 'added')
  return pieces
}
