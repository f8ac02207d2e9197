import { LeaderExistsError, type LeaderStore } from './leader-store'

export const FIRST_LEADER_NAME = 'admin'

/**
 * There is no built-in password: NUXT_ADMIN_PASSWORD creates the first leader `admin`, and only
 * while no leader exists, so changing or forgetting the variable later cannot open a back door.
 */
export async function createFirstLeader(leaders: LeaderStore, adminPassword: string): Promise<boolean> {
  if (!adminPassword || await leaders.hasAny()) return false
  try {
    await leaders.create(FIRST_LEADER_NAME, adminPassword)
  }
  catch (error) {
    // Another instance on the same storage was quicker; its admin has the same password.
    if (error instanceof LeaderExistsError) return false
    throw error
  }
  console.info(`[auth] created the first course leader "${FIRST_LEADER_NAME}" from NUXT_ADMIN_PASSWORD`)
  return true
}
