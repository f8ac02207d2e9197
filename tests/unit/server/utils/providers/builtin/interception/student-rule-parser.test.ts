import { describe, expect, it } from 'vitest'
import { parseStudentRules } from '../../../../../../../server/utils/providers/builtin/interception/student-rule-parser'

describe('parseStudentRules', () => {
  it('reads replacements in English and German', () => {
    expect(parseStudentRules('replace cat with dog')).toEqual([{ kind: 'replace', from: 'cat', to: 'dog' }])
    expect(parseStudentRules('Ersetze „Katze“ durch „Hund“')).toEqual([{ kind: 'replace', from: 'Katze', to: 'Hund' }])
    expect(parseStudentRules('aus Sonne wird Mond')).toEqual([{ kind: 'replace', from: 'Sonne', to: 'Mond' }])
    expect(parseStudentRules('rain -> glitter')).toEqual([{ kind: 'replace', from: 'rain', to: 'glitter' }])
  })

  it('continues a replacement without repeating the verb', () => {
    expect(parseStudentRules('ersetze Katze durch Hund, Maus durch Käse')).toEqual([
      { kind: 'replace', from: 'Katze', to: 'Hund' },
      { kind: 'replace', from: 'Maus', to: 'Käse' },
    ])
  })

  it('reads case, direction, add and remove rules', () => {
    expect(parseStudentRules('everything in capitals')).toEqual([{ kind: 'uppercase' }])
    expect(parseStudentRules('alles groß')).toEqual([{ kind: 'uppercase' }])
    expect(parseStudentRules('alles klein')).toEqual([{ kind: 'lowercase' }])
    expect(parseStudentRules('backwards')).toEqual([{ kind: 'reverse_letters' }])
    expect(parseStudentRules('Wörter rückwärts')).toEqual([{ kind: 'reverse_words' }])
    expect(parseStudentRules('add a rainbow')).toEqual([{ kind: 'add', addition: 'a rainbow' }])
    expect(parseStudentRules('füge einen Drachen hinzu')).toEqual([{ kind: 'add', addition: 'einen Drachen' }])
    expect(parseStudentRules('ohne Wolken')).toEqual([{ kind: 'remove', word: 'Wolken' }])
  })

  it('splits on "and" only when every part is a rule of its own', () => {
    expect(parseStudentRules('replace cat with dog and everything in capitals')).toEqual([
      { kind: 'replace', from: 'cat', to: 'dog' },
      { kind: 'uppercase' },
    ])
    expect(parseStudentRules('add red and blue stripes')).toEqual([{ kind: 'add', addition: 'red and blue stripes' }])
  })

  it('keeps what it cannot execute as a note', () => {
    expect(parseStudentRules('make it feel like a dream')).toEqual([{ kind: 'note', text: 'make it feel like a dream' }])
  })
})
