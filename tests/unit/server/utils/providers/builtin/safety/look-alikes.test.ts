import { describe, expect, it } from 'vitest'
import { normalizeWords } from '../../../../../../../server/utils/providers/builtin/safety/normalize'

const same = (a: string, b: string) => expect(normalizeWords(a)).toEqual(normalizeWords(b))

describe('normalising Cyrillic and Latin look-alikes', () => {
  it('reads Cyrillic look-alikes inside a Latin word as Latin letters', () => {
    // о, і, с, а, р below are Cyrillic
    expect(normalizeWords('bоmb kіll сосаine rарe')).toEqual(['bomb', 'kill', 'cocaine', 'rape'])
  })

  it('reads a Latin word typed all in Cyrillic capitals as that word', () => {
    expect(normalizeWords('ВОМВ')).toEqual(['bomb'])
  })

  it('meets a Cyrillic word written with Latin look-alikes, in any case', () => {
    // a, o, p, e, c, x, u below are Latin
    same('кpoв', 'кров')
    same('вбuвaє', 'вбиває')
    same('сxема', 'схема')
    same('ВБИТИ', 'вбити')
    same('ЇЖАК', 'їжак')
  })

  it('keeps letters without a Latin twin apart', () => {
    expect(normalizeWords('зброя')).not.toEqual(normalizeWords('eбpoя'))
    expect(normalizeWords('жаба')[0]).toContain('ж')
  })

  it('reads 3, 6 and 4 inside a Cyrillic word as the Cyrillic letters they stand for', () => {
    same('3брoя', 'зброя')
    same('жа6а', 'жаба')
    // and as leet for Latin letters elsewhere
    expect(normalizeWords('m3th')).toEqual(['meth'])
  })
})

describe('normalising the Turkish i', () => {
  it('lower-cases dotted İ, dotless ı, I and i to one letter', () => {
    const forms = ['İÇKİ', 'içki', 'ICKI', 'ıçkı', 'İçki', 'IÇKI']
    expect(new Set(forms.flatMap(form => normalizeWords(form)))).toEqual(new Set(['icki']))
  })

  it('folds ç, ğ, ş, ö and ü like any accent', () => {
    expect(normalizeWords('ÖLDÜR öldür Öldür')).toEqual(['oldur', 'oldur', 'oldur'])
    expect(normalizeWords('Şişko ŞİŞKO şişko')).toEqual(['sisko', 'sisko', 'sisko'])
    expect(normalizeWords('çığlık')).toEqual(['ciglik'])
  })

  it('keeps "gün" (day) and "güneş" (sun) apart from "gun", unless typed without their letters', () => {
    expect(normalizeWords('gün güneş GÜN')).not.toContain('gun')
    expect(normalizeWords('gun')).toEqual(['gun'])
  })
})
