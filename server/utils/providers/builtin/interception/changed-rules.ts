import type { Perspective } from '#shared/schemas/perspective'
import type { InterceptionRequest, InterceptionRule } from './interception-rule'
import { applyStudentRules } from './student-rules'

const lineKey = (line: string) => line.replace(/[\s.!?;:,]+$/u, '').replace(/\s+/gu, ' ').trim().toLocaleLowerCase()

/** Every line of the perspective's own rules, in every language, as the student may have kept it. */
function ownLines(perspective: Perspective): Set<string> {
  const texts = Object.values(perspective.rules ?? {}).filter((text): text is string => typeof text === 'string')
  return new Set(texts.flatMap(text => text.split('\n')).map(lineKey).filter(Boolean))
}

/**
 * The built-in engine with a student's changed rules: where the student kept some of the
 * perspective's lines, the perspective's own rule runs and the student's new lines are carried out
 * on its text by the student-rules engine (replace, remove, add, capitals, backwards; other lines
 * become notes). Where the student kept none, the rules are their own and only they are carried out.
 * Lines the student deleted cannot switch off parts of a built-in rule: a model-based interception
 * follows those (it receives the rules as its instruction).
 */
export function followChangedRules(rule: InterceptionRule, request: InterceptionRequest, rules: string, toRuleLanguage: (line: string) => string = line => line): string {
  const own = ownLines(request.perspective)
  const lines = rules.split(/\r?\n/u).map(line => line.trim()).filter(Boolean)
  const kept = lines.filter(line => own.has(lineKey(line)))
  const added = lines.filter(line => !own.has(lineKey(line))).map(toRuleLanguage)
  if (kept.length === 0) return applyStudentRules({ ...request, context: added.join('\n') })
  const transformed = rule(request)
  if (added.length === 0) return transformed
  return applyStudentRules({ ...request, idea: transformed, context: added.join('\n') })
}
