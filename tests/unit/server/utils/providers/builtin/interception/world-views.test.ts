import { describe, expect, it } from 'vitest'
import { openToTheWorld, zoomOutToThePlanet } from '../../../../../../../server/utils/providers/builtin/interception/world-views'
import { makeRequest } from './perspective-fixture'

describe('openToTheWorld', () => {
  it('adds two global, inclusive views to the idea', () => {
    const opened = openToTheWorld(makeRequest('one_world', 'A school party', 'en'))
    expect(opened).toMatch(/^A school party – .+ and .+\.$/)
  })
})

describe('zoomOutToThePlanet', () => {
  it('zooms out from the idea to the whole planet', () => {
    const zoomed = zoomOutToThePlanet(makeRequest('planetarizer', 'Ein Garten', 'de'))
    expect(zoomed).toMatch(/^Ein Garten\. (Zoom hinaus|Von hoch oben|Weiter und weiter)/)
  })
})
