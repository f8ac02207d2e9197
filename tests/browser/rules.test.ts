import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { accessibilityViolations, artifactPath, IPADS, openHydrated, runStatus, slug } from '../support/browser'
import { useIpadPages } from '../support/ipad-pages'
import { readRunMetadata } from '../support/run-files'

/** Rules you can read and change, and what the machine is told, as a child taps them on the iPad. */

const ipad = useIpadPages()
const { openPage } = ipad

async function step(page: Page, name: string) {
  await page.screenshot({ path: artifactPath(`${name}.png`), animations: 'disabled' })
  expect(await accessibilityViolations(page), name).toEqual([])
}

const runIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!

describe.each([IPADS[0], IPADS[3]])('rules on the %s', (device) => {
  it('starts from the perspective’s rules, changes them before and after the transformation, and opens what the machine is told', async () => {
    const page = await openPage(device)
    const name = (what: string) => `rules-${slug(device)}-${what}`
    await openHydrated(page, '/')
    await page.getByTestId('join-studio').tap()
    await page.waitForURL('**/perspectives')
    await page.getByTestId('perspective-tile-bauhaus').tap()
    const field = page.getByTestId('perspective-rules')
    await expect.poll(() => field.inputValue()).toMatch(/^Nimm nur Kreise, Quadrate, Dreiecke und Linien\./)
    await field.fill(`${await field.inputValue()}\nErsetze Haus durch Schiff`)
    await step(page, name('1-sheet'))
    await page.getByTestId('perspective-choose').tap()
    await page.waitForURL('**/idea')
    await expect.poll(() => page.getByTestId('idea-rules').textContent()).toContain('Ersetze Haus durch Schiff')
    await page.getByTestId('idea-input').fill('Ein rotes Haus am Meer')
    await page.getByTestId('idea-submit').tap()
    await page.waitForURL('**/runs/**')
    await expect.poll(() => runStatus(page), { timeout: 20_000 }).toBe('awaiting_output')
    expect(await page.getByTestId('interception-edit').inputValue()).toMatch(/Schiff/)

    // Same idea, changed rules.
    const rules = page.getByTestId('run-rules-field')
    await expect.poll(() => rules.inputValue()).toContain('Ersetze Haus durch Schiff')
    await rules.fill('Ersetze Haus durch Burg\nAlles in Großbuchstaben')
    const apply = (await page.getByTestId('run-rules-apply').boundingBox())!
    expect(Math.min(apply.width, apply.height)).toBeGreaterThanOrEqual(44)
    await step(page, name('2-changed-rules'))
    await page.getByTestId('run-rules-apply').tap()
    await expect.poll(() => page.getByTestId('interception-edit').inputValue().catch(() => ''), { timeout: 20_000 }).toBe('EIN ROTES BURG AM MEER')
    await step(page, name('3-transformed-again'))

    // Rules that do not pass: the child's message, the rules stay in the field, the text stays.
    await rules.fill('Alle werden erschossen')
    await page.getByTestId('run-rules-apply').tap()
    await expect.poll(() => page.getByTestId('run-rules-problem').textContent()).toBeTruthy()
    expect(await page.getByTestId('interception-edit').inputValue()).toBe('EIN ROTES BURG AM MEER')
    await step(page, name('4-rules-refused'))

    // What the machine is told: the checked English text, changed by the child, generated from.
    await page.getByTestId('medium-image').tap()
    await page.getByTestId('machine-text-open').tap()
    const machine = page.getByTestId('machine-text-field')
    await expect.poll(() => machine.inputValue(), { timeout: 10_000 }).toMatch(/castle/i)
    await machine.fill('a red castle by the sea, only circles and triangles')
    await expect.poll(() => page.getByTestId('machine-text-edited').isVisible()).toBe(true)
    await step(page, name('5-machine-text'))
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')

    const run = readRunMetadata(ipad.server.dataDir, runIdOf(page))
    expect(run.generation_prompt).toBe('a red castle by the sea, only circles and triangles')
    expect(run.prompt_history.filter(edit => edit.kind === 'rules').map(edit => edit.text)).toEqual([
      expect.stringContaining('Ersetze Haus durch Schiff'), 'Ersetze Haus durch Burg\nAlles in Großbuchstaben',
    ])
  })
})
