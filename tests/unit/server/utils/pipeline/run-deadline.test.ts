import { describe, expect, it } from 'vitest'
import { RunDeadline } from '../../../../../server/utils/pipeline/run-deadline'

const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

describe('RunDeadline', () => {
  it('aborts after its limit', async () => {
    const deadline = new RunDeadline(50)
    await wait(80)
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.signal.reason.name).toBe('TimeoutError')
  })

  it('does not count time spent waiting in line', async () => {
    const deadline = new RunDeadline(100)
    await wait(40)
    deadline.pause()
    await wait(150)
    expect(deadline.signal.aborted).toBe(false)
    deadline.resume()
    await wait(30)
    expect(deadline.signal.aborted).toBe(false)
    await wait(60)
    expect(deadline.signal.aborted).toBe(true)
  })

  it('leaves no timer behind once disposed', async () => {
    const deadline = new RunDeadline(30)
    deadline.dispose()
    await wait(50)
    expect(deadline.signal.aborted).toBe(false)
  })
})
