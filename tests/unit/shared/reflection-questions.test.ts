import { describe, expect, it } from 'vitest'
import { DEFAULT_REFLECTION_QUESTIONS, reflectionQuestionsOf } from '#shared/reflection-questions'
import { LANGUAGES } from '#shared/schemas/common'
import { ReflectionQuestions } from '#shared/schemas/reflection'

describe('the shared reflection questions', () => {
  it('are two or three valid questions with chips, every text in every language', () => {
    expect(ReflectionQuestions.safeParse(DEFAULT_REFLECTION_QUESTIONS).success).toBe(true)
    for (const question of DEFAULT_REFLECTION_QUESTIONS) {
      for (const text of [question.question, ...question.chips.map(chip => chip.label)]) {
        for (const language of LANGUAGES) expect((text as Record<string, string>)[language]?.trim(), `${question.id} in ${language}`).toBeTruthy()
      }
    }
  })

  it('name the perspective where they ask about its rules, in every language', () => {
    const rules = DEFAULT_REFLECTION_QUESTIONS.find(question => question.id === 'rules_changed')!
    for (const language of LANGUAGES) expect((rules.question as Record<string, string>)[language]).toContain('{perspective}')
  })

  it('give way to a perspective’s own questions', () => {
    const own = [DEFAULT_REFLECTION_QUESTIONS[1]!, DEFAULT_REFLECTION_QUESTIONS[2]!]
    expect(reflectionQuestionsOf({ reflection: own })).toBe(own)
    expect(reflectionQuestionsOf({})).toBe(DEFAULT_REFLECTION_QUESTIONS)
    expect(reflectionQuestionsOf(undefined)).toBe(DEFAULT_REFLECTION_QUESTIONS)
  })

  it('refuse a perspective with one question, or a question with one chip', () => {
    expect(ReflectionQuestions.safeParse([DEFAULT_REFLECTION_QUESTIONS[0]]).success).toBe(false)
    expect(ReflectionQuestions.safeParse(DEFAULT_REFLECTION_QUESTIONS.map(question => ({ ...question, chips: question.chips.slice(0, 1) }))).success).toBe(false)
  })
})
