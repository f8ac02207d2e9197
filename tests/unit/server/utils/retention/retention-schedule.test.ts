import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { scheduleRetention } from '../../../../../server/utils/retention/retention-schedule'

describe('scheduleRetention', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })

  it('applies once after the first delay, then every interval, until stopped', async () => {
    const apply = vi.fn(async () => ({ deleted: 0 }))
    const stop = scheduleRetention(apply, { firstDelayMs: 60_000, everyMs: 3_600_000 })
    await vi.advanceTimersByTimeAsync(59_999)
    expect(apply).toHaveBeenCalledTimes(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(apply).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(apply).toHaveBeenCalledTimes(2)
    stop()
    await vi.advanceTimersByTimeAsync(10 * 3_600_000)
    expect(apply).toHaveBeenCalledTimes(2)
  })

  it('keeps going after a failed apply', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const apply = vi.fn(async () => { throw new Error('disk gone') })
    const stop = scheduleRetention(apply, { firstDelayMs: 10, everyMs: 100 })
    await vi.advanceTimersByTimeAsync(110)
    expect(apply).toHaveBeenCalledTimes(2)
    expect(error).toHaveBeenCalled()
    stop()
    error.mockRestore()
  })
})
