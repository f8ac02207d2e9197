import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BLOCKED_REASON_CODES, blockedMessage, isBlockedReasonCode } from '#shared/blocked-messages'
import { LANGUAGES, LocalizedText } from '#shared/schemas/common'
import { SafetyTermList } from '#shared/schemas/safety'

const LIST_DIR = fileURLToPath(new URL('../../../server/assets/safety/', import.meta.url))
const listReasonCodes = readdirSync(LIST_DIR)
  .filter(file => file.endsWith('.json'))
  .map(file => SafetyTermList.parse(JSON.parse(readFileSync(LIST_DIR + file, 'utf8'))).reason_code)

describe('blockedMessage', () => {
  it('has its own message for every reason code the safety lists use', () => {
    for (const code of listReasonCodes) expect(BLOCKED_REASON_CODES).toContain(code)
  })

  it('has a message for an unreachable safety check', () => {
    expect(blockedMessage('safety_unavailable').de).toMatch(/Sicherheitsprüfung ist gerade nicht erreichbar/)
  })

  it('gives every known code a distinct, short message in every language', () => {
    const messages = BLOCKED_REASON_CODES.map(blockedMessage)
    for (const message of messages) {
      expect(LocalizedText.parse(message)).toEqual(message)
      for (const language of LANGUAGES) expect(message[language]?.length, `${message.en} (${language})`).toBeLessThanOrEqual(140)
    }
    for (const language of LANGUAGES) expect(new Set(messages.map(message => message[language])).size, language).toBe(messages.length)
  })

  it('never shows the reason code to the child', () => {
    for (const code of BLOCKED_REASON_CODES) {
      const all = Object.values(blockedMessage(code)).join(' ')
      expect(all.toLowerCase()).not.toContain(code.replace('_', ' '))
      expect(all).not.toContain(code)
    }
  })

  it('falls back to a kind generic message for unknown codes', () => {
    expect(isBlockedReasonCode('weather')).toBe(false)
    expect(isBlockedReasonCode('toString')).toBe(false)
    const fallback = blockedMessage('weather')
    expect(fallback.de).toMatch(/Probier/)
    expect(fallback.en.length).toBeGreaterThan(0)
    expect(BLOCKED_REASON_CODES.map(blockedMessage)).not.toContainEqual(fallback)
  })

  it('hands out a copy the caller may change', () => {
    const message = blockedMessage('violence')
    message.de = 'geändert'
    expect(blockedMessage('violence').de).not.toBe('geändert')
  })
})
