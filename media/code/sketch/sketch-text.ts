import { type Comment, type Node, parse } from 'acorn'
import { simple } from 'acorn-walk'

const HEX_COLOUR = /^#[0-9a-f]{3,8}$/i

/**
 * The words a child reads in a sketch: its comments, strings and template texts, one per line,
 * for the child-safety text check. Code is not prose (`fill`, `rect`, numbers would only confuse
 * the term lists), but a comment or a string can say anything. When the code does not parse,
 * the whole text is returned: nothing slips past the check because it is broken.
 */
export function sketchWords(code: string): string {
  const comments: Comment[] = []
  let program: Node
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', onComment: comments })
  }
  catch {
    return code
  }
  const words: string[] = comments.map(comment => comment.value.trim())
  simple(program, {
    Literal(node) { if (typeof (node as { value?: unknown }).value === 'string') words.push((node as unknown as { value: string }).value) },
    TemplateElement(node) { words.push((node as unknown as { value: { cooked?: string | null, raw: string } }).value.cooked ?? '') },
  })
  // Identifiers are words too (`function boese()`), but checking them would flag p5's own names: names are left to the leader's review.
  return words.filter(word => /\p{L}/u.test(word) && !HEX_COLOUR.test(word)).join('\n')
}

/** Whether the code parses as a script, as the browser will run it. */
export function parsesAsScript(code: string): boolean {
  try {
    parse(code, { ecmaVersion: 'latest', sourceType: 'script' })
    return true
  }
  catch {
    return false
  }
}
