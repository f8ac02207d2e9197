import { describe, expect, it } from 'vitest'
import { applyStudentRules } from '../../../../../../../server/utils/providers/builtin/interception/student-rules'
import { makeRequest } from './perspective-fixture'

const apply = (idea: string, language: 'de' | 'en', rules: string | null) => applyStudentRules(makeRequest('user_defined', idea, language, rules))

describe('applyStudentRules', () => {
  it('executes "replace X with Y" on whole words and keeps capitals', () => {
    expect(apply('A cat meets a Cat and a caterpillar.', 'en', 'replace cat with dog')).toBe('A dog meets a Dog and a caterpillar.')
    expect(apply('Die Katze schläft.', 'de', 'ersetze Katze durch Hund')).toBe('Die Hund schläft.')
  })

  it('writes the idea backwards', () => {
    expect(apply('Hallo Welt', 'de', 'rückwärts')).toBe('tleW ollaH')
    expect(apply('A cat', 'en', 'write it backwards')).toBe('tac A')
  })

  it('reverses the word order but leaves the punctuation in place', () => {
    expect(apply('The cat sleeps.', 'en', 'reverse the words')).toBe('sleeps cat The.')
  })

  it('runs several rules in the order they were written', () => {
    expect(apply('A cat in the rain', 'en', 'replace cat with dog and everything in capitals')).toBe('A DOG IN THE RAIN')
    expect(apply('Eine Katze im Regen', 'de', 'ersetze Regen durch Schnee. füge einen Schlitten hinzu')).toBe('Eine Katze im Schnee, einen Schlitten')
  })

  it('adds and removes words', () => {
    expect(apply('A cat under clouds', 'en', 'add a rainbow')).toBe('A cat under clouds, a rainbow')
    expect(apply('Eine Katze unter Wolken', 'de', 'ohne Wolken')).toBe('Eine Katze unter')
  })

  it('appends rules it cannot execute as a style note', () => {
    expect(apply('A cat', 'en', 'make it feel like a dream')).toBe('A cat (own rules: make it feel like a dream)')
    expect(apply('Eine Katze', 'de', 'wie im Traum')).toBe('Eine Katze (eigene Regeln: wie im Traum)')
  })

  it('says so when the rules find nothing to change', () => {
    expect(apply('A cat', 'en', 'replace zebra with lion')).toBe('A cat (your rules "replace zebra with lion" – nothing to change this time)')
  })

  it('frames the idea with the perspective when the student wrote no rules', () => {
    expect(apply('A cat', 'en', null)).toMatch(/^A cat – seen through "Perspective user_defined"/)
    expect(apply('Eine Katze', 'de', '   ')).toMatch(/^Eine Katze – gesehen durch/)
  })
})
