import { describe, expect, it } from 'vitest'
import type { CourseSession, Retention } from '#shared/schemas/session'
import type { RunStatus } from '#shared/run-status'
import { effectiveDays, plannedDeletions } from '../../../../../server/utils/retention/retention-plan'
import type { RetentionCandidate } from '../../../../../server/utils/retention/run-candidates'

const DAY = 24 * 60 * 60 * 1000
const now = new Date('2026-06-30T12:00:00.000Z')
const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * DAY - extraMs).toISOString()

const session = (id: string, retention: Retention) => ({ id, name: `Session ${id}`, retention }) as CourseSession
let counter = 0
const run = (session_id: string, created_at: string, status: RunStatus = 'completed'): RetentionCandidate =>
  ({ run_id: `run-${++counter}`, session_id, created_at, status })

async function plan(globalDays: number | null, sessions: CourseSession[], runs: RetentionCandidate[]) {
  const asked: string[] = []
  const planned = []
  const candidates = async function* (before: string) {
    asked.push(before)
    yield* runs
  }
  for await (const item of plannedDeletions({ globalDays, sessions, now, candidates })) planned.push(item)
  return { planned, asked }
}

describe('retention plan', () => {
  it('follows the global days for sessions that say global, and for runs of unknown sessions', async () => {
    const old = run('s-global', daysAgo(31))
    const young = run('s-global', daysAgo(29))
    const orphan = run('s-gone', daysAgo(40))
    const { planned } = await plan(30, [session('s-global', 'global')], [old, young, orphan])
    expect(planned.map(p => p.run_id)).toEqual([old.run_id, orphan.run_id])
    expect(planned[0]).toEqual({ run_id: old.run_id, session_id: 's-global', session_name: 'Session s-global', created_at: old.created_at, older_than_days: 30 })
    expect(planned[1]!.session_name).toBeNull()
  })

  it('uses a session\'s own days over the global ones, in both directions', async () => {
    const shortOld = run('s-short', daysAgo(8))
    const longKept = run('s-long', daysAgo(100))
    const longOld = run('s-long', daysAgo(400))
    const { planned } = await plan(30, [session('s-short', 7), session('s-long', 365)], [shortOld, longKept, longOld])
    expect(planned.map(p => [p.run_id, p.older_than_days])).toEqual([[shortOld.run_id, 7], [longOld.run_id, 365]])
  })

  it('keeps every run of a session set to forever, whatever the global days', async () => {
    const { planned } = await plan(1, [session('s-keep', 'forever')], [run('s-keep', daysAgo(3000))])
    expect(planned).toEqual([])
  })

  it('keeps everything when the global days are null, except sessions with their own days', async () => {
    const own = run('s-own', daysAgo(11))
    const { planned, asked } = await plan(null, [session('s-global', 'global'), session('s-own', 10)], [run('s-global', daysAgo(3000)), own])
    expect(planned.map(p => p.run_id)).toEqual([own.run_id])
    expect(asked).toEqual([daysAgo(10)])
  })

  it('does not even list runs when no rule deletes anything', async () => {
    const { planned, asked } = await plan(null, [session('s-global', 'global')], [run('s-global', daysAgo(3000))])
    expect(planned).toEqual([])
    expect(asked).toEqual([])
  })

  it('keeps a run exactly N days old and deletes one a millisecond older', async () => {
    const exactly = run('s-global', daysAgo(30))
    const justOlder = run('s-global', daysAgo(30, 1))
    const { planned } = await plan(30, [session('s-global', 'global')], [exactly, justOlder])
    expect(planned.map(p => p.run_id)).toEqual([justOlder.run_id])
  })

  it('leaves runs that are still queued or running for a later pass', async () => {
    const queued = run('s-global', daysAgo(50), 'queued')
    const running = run('s-global', daysAgo(50), 'running')
    const waitingForOutput = run('s-global', daysAgo(50), 'awaiting_output')
    const failed = run('s-global', daysAgo(50), 'failed')
    const { planned } = await plan(30, [session('s-global', 'global')], [queued, running, waitingForOutput, failed])
    expect(planned.map(p => p.run_id)).toEqual([waitingForOutput.run_id, failed.run_id])
  })

  it('asks the run source only for runs older than the youngest cutoff', async () => {
    const { asked } = await plan(30, [session('s-short', 7), session('s-long', 365)], [])
    expect(asked).toEqual([daysAgo(7)])
  })

  it('reads a session\'s effective days', () => {
    expect(effectiveDays(session('a', 'global'), 30)).toBe(30)
    expect(effectiveDays(session('a', 'global'), null)).toBeNull()
    expect(effectiveDays(session('a', 'forever'), 30)).toBeNull()
    expect(effectiveDays(session('a', 5), null)).toBe(5)
    expect(effectiveDays(undefined, 30)).toBe(30)
  })
})
