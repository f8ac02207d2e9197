import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { artifactPath, reachInterception, runStatus } from '../support/browser'
import { useIpadPages } from '../support/ipad-pages'
import { contentWithSecondImageOutput } from '../support/second-image-output'

const content = contentWithSecondImageOutput()

const ipad = useIpadPages(() => ({ env: content.env }))
const { openPage } = ipad

/** The canvas as the child sees it, as raw RGB. */
async function pixelsOf(canvas: Locator) {
  return sharp(await canvas.screenshot()).removeAlpha().raw().toBuffer({ resolveWithObject: true })
}

/** How many pixels differ clearly between two pictures of the same size. */
function changedPixels(a: Buffer, b: Buffer) {
  let changed = 0
  for (let index = 0; index < a.length; index += 3) {
    if (Math.abs(a[index]! - b[index]!) + Math.abs(a[index + 1]! - b[index + 1]!) + Math.abs(a[index + 2]! - b[index + 2]!) > 30) changed++
  }
  return changed
}

/** A one-finger drag as iPad Safari delivers it: touch events, which the browser turns into pointer events of type touch. */
async function fingerDrag(page: Page, from: { x: number, y: number }, to: { x: number, y: number }) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] })
  for (let step = 1; step <= 8; step++) {
    const point = { x: from.x + ((to.x - from.x) * step) / 8, y: from.y + ((to.y - from.y) * step) / 8 }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] })
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
}

describe('3D models and the choice of output on the iPad', () => {
  it('shows the model with three.js from this server and turns it with a finger', async () => {
    const page = await openPage()
    await reachInterception(page, 'Drei rote Kugeln und ein blaues Haus unter der Sonne')
    await expect.poll(() => runStatus(page), { timeout: 20_000 }).toBe('awaiting_output')
    await page.getByTestId('medium-model').tap()
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')

    const canvas = page.getByTestId('result-model')
    await expect.poll(() => canvas.evaluate(element => element.closest('[data-state]')?.getAttribute('data-state')), { timeout: 15_000 }).toBe('shown')
    const before = await pixelsOf(canvas)
    // Not blank: the red of the balls is there, not only the light grey background.
    let red = 0
    for (let index = 0; index < before.data.length; index += 3) {
      if (before.data[index]! > 120 && before.data[index]! > before.data[index + 1]! + 60 && before.data[index]! > before.data[index + 2]! + 60) red++
    }
    expect(red).toBeGreaterThan(500)
    await page.screenshot({ path: artifactPath('model-result-ipad.png'), animations: 'disabled' })

    const box = (await canvas.boundingBox())!
    await fingerDrag(page, { x: box.x + box.width * 0.3, y: box.y + box.height / 2 }, { x: box.x + box.width * 0.8, y: box.y + box.height / 2 })
    // Drawn without a GPU: the deadline (the default 15 s) is for a model that never turns, not for a busy machine.
    await expect.poll(async () => changedPixels(before.data, (await pixelsOf(canvas)).data)).toBeGreaterThan(1000)
    // The page did not scroll under the finger.
    expect(await page.evaluate(() => window.scrollX)).toBe(0)
  })

  it('lets the student choose between two image outputs, by cards with their hints, and the run uses the choice', async () => {
    const page = await openPage()
    await reachInterception(page, 'A cat on a roof')
    await expect.poll(() => runStatus(page), { timeout: 20_000 }).toBe('awaiting_output')
    await page.getByTestId('medium-image').tap()
    const wide = page.getByTestId(`output-${content.outputId}`)
    await expect.poll(() => wide.textContent()).toMatch(/Breites Bild.*gut.*mittel.*auf unserem Computer/s)
    expect(await page.getByTestId('output-image_builtin').getAttribute('aria-checked')).toBe('true')
    const card = (await wide.boundingBox())!
    expect(Math.min(card.width, card.height)).toBeGreaterThanOrEqual(44)
    await wide.tap()
    // The page re-renders after the tap's click: wait for it rather than read once.
    await expect.poll(() => wide.getAttribute('aria-checked')).toBe('true')
    await page.screenshot({ path: artifactPath('output-choice-ipad.png'), animations: 'disabled' })
    await page.getByTestId('generate-start').tap()
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('completed')
    const runId = new URL(page.url()).pathname.split('/').at(-1)
    const run = await (await page.request.get(`/api/runs/${runId}`)).json()
    expect([run.output, run.outputs[0].width, run.outputs[0].height]).toEqual([content.outputId, 640, 320])
  })
})
