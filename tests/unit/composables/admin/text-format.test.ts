import { describe, expect, it } from 'vitest'
import { formatBytes, progressFigures } from '../../../../composables/admin/export-progress-format'
import { excerpt, highlightPieces } from '../../../../composables/admin/text-highlight'
import { wordDiff } from '../../../../composables/admin/word-diff'

describe('export progress', () => {
  it('reads "1,234 of 10,000 runs · 340 MB" in English', () => {
    expect(progressFigures({ runs_done: 1234, runs_total: 10000, bytes: 340_000_000 }, 'en')).toEqual({ done: '1,234', total: '10,000', size: '340 MB', fraction: 0.1234 })
  })

  it('uses German digit grouping and decimal comma', () => {
    expect(progressFigures({ runs_done: 1234, runs_total: 10000, bytes: 1_250_000_000 }, 'de')).toMatchObject({ done: '1.234', size: '1,3 GB' })
  })

  it('never divides by zero before the total is known', () => {
    expect(progressFigures({ runs_done: 0, runs_total: 0, bytes: 0 }, 'en').fraction).toBe(0)
    expect(formatBytes(999, 'en')).toBe('999 B')
  })
})

describe('search highlighting', () => {
  it('marks every case-insensitive match', () => {
    expect(highlightPieces('Cat and CAT', 'cat')).toEqual([
      { text: 'Cat', match: true }, { text: ' and ', match: false }, { text: 'CAT', match: true },
    ])
  })

  it('cuts long texts around the first match', () => {
    const text = `${'a '.repeat(200)}moon${' b'.repeat(200)}`
    const cut = excerpt(text, 'moon', 60)
    expect(cut).toContain('moon')
    expect(cut.startsWith('…') && cut.endsWith('…')).toBe(true)
  })
})

describe('wordDiff', () => {
  it('shows the words a student removed and added', () => {
    expect(wordDiff('a red cat', 'a blue cat')).toEqual([
      { text: 'a ', change: 'same' }, { text: 'red', change: 'removed' }, { text: 'blue', change: 'added' }, { text: ' cat', change: 'same' },
    ])
  })
})
