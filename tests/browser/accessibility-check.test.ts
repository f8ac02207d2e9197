import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { accessibilityViolations, launchBrowser } from '../support/browser'

let browser: Browser

beforeAll(async () => { browser = await launchBrowser() })
afterAll(() => browser?.close())

describe('the accessibility check the journey relies on', () => {
  it('reports low contrast and an unlabelled field, so a clean journey means something', async () => {
    const page = await browser.newPage()
    await page.setContent(`<html lang="de"><head><title>t</title></head><body><main>
      <p style="color:#bbb;background:#fff">Kaum lesbar</p><input type="text"></main></body></html>`)
    const violations = await accessibilityViolations(page)
    expect(violations.some(line => line.startsWith('color-contrast'))).toBe(true)
    expect(violations.some(line => line.startsWith('label'))).toBe(true)
    await page.close()
  })
})
