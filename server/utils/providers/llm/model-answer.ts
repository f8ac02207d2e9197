/**
 * What a chat model says around the text we asked for: thinking blocks, "Here is…:" lines,
 * labels, code fences and quotation marks. The stages keep only the text itself.
 */
const THINKING = /<think(?:ing)?>[\s\S]*?(?:<\/think(?:ing)?>|$)/gi
const FENCE = /^```[a-z]*\s*|\s*```$/gi
// A short line ending in a colon, or an acknowledgement ("Sure!", "Gerne."), before the text itself.
const PREAMBLE_LINE = /^(?:[^\n]{0,100}:|(?:sure|okay|ok|certainly|of course|gerne|klar|natürlich|alles klar)\b[^\n]{0,80})\s*$/i
const LABEL = /^(?:\*\*)?(?:transformed text|transformed idea|translation|english|english translation|answer|result|verwandelter text|verwandelte idee|übersetzung|antwort|ergebnis)(?:\*\*)?\s*:\s*/i
const QUOTES: [string, string][] = [['"', '"'], ['“', '”'], ['„', '“'], ['«', '»'], ['»', '«'], ['\'', '\''], ['*', '*']]

export function withoutThinking(text: string): string {
  return text.replace(THINKING, '').trim()
}

export function cleanModelAnswer(answer: string): string {
  let text = withoutThinking(answer).replace(FENCE, '').trim()
  const lines = text.split('\n')
  if (lines.length > 1 && PREAMBLE_LINE.test(lines[0]!.trim())) text = lines.slice(1).join('\n').trim()
  text = text.replace(LABEL, '').trim()
  for (let unwrapped = true; unwrapped;) {
    unwrapped = false
    for (const [open, close] of QUOTES) {
      if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
        text = text.slice(open.length, -close.length).trim()
        unwrapped = true
      }
    }
  }
  return text.replace(/\s+/g, ' ').trim()
}
