import { createError } from 'h3'
import { randomBytes, randomInt } from 'node:crypto'
import type { Storage } from 'unstorage'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '#shared/join-code'
import { CourseSession, type SessionCreate, type SessionLimits, type SessionPatch, SessionId, STUDIO_SESSION_ID } from '#shared/schemas/session'
import type { SafetyLevel } from '#shared/schemas/common'
import { KeyedMutex } from '../keyed-mutex'

const SESSION_KEY = /^sessions:([a-z0-9][a-z0-9-]{2,40})\.json$/
const sessionKey = (id: string) => `sessions:${id}.json`
const codeKey = (code: string) => `join-codes:${code}`

export const drawJoinCode = () => Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]).join('')

/**
 * Course sessions, one JSON file each, and a join-code → session index beside them so a code is
 * found with one read. Sessions are few (tens to hundreds) and small, so listing reads them all.
 */
export class SessionStore {
  private mutex = new KeyedMutex()

  constructor(private documents: Storage) {}

  async get(id: string): Promise<CourseSession | null> {
    if (!SessionId.safeParse(id).success) return null
    const raw = await this.documents.getItemRaw<Buffer>(sessionKey(id))
    return raw ? CourseSession.parse(JSON.parse(raw.toString('utf8'))) : null
  }

  async byJoinCode(code: string): Promise<CourseSession | null> {
    const id = await this.documents.getItem<string>(codeKey(code))
    const session = typeof id === 'string' ? await this.get(id) : null
    // A stale index entry (code replaced on another instance) must not lead to the wrong session.
    return session && session.join_code === code ? session : null
  }

  async list(): Promise<CourseSession[]> {
    const keys = (await this.documents.getKeys('sessions')).filter(key => SESSION_KEY.test(key))
    const sessions = await Promise.all(keys.map(key => this.get(SESSION_KEY.exec(key)![1]!)))
    return sessions.filter((session): session is CourseSession => session !== null)
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
  }

  async create(input: SessionCreate, createdBy: string): Promise<CourseSession> {
    const now = new Date().toISOString()
    const session: CourseSession = CourseSession.parse({
      ...input,
      id: `s-${randomBytes(6).toString('hex')}`,
      join_code: await this.claimFreeCode(),
      archived: false,
      created_at: now,
      updated_at: now,
      created_by: createdBy,
    })
    await this.write(session)
    return session
  }

  async update(id: string, patch: SessionPatch): Promise<CourseSession | null> {
    return this.mutex.run(id, async () => {
      const current = await this.get(id)
      if (!current) return null
      const { new_join_code: newCode, ...fields } = patch
      const next = CourseSession.parse({ ...current, ...fields, updated_at: new Date().toISOString() })
      if (newCode && current.join_code !== null) next.join_code = await this.claimFreeCode()
      await this.write(next)
      if (next.join_code !== current.join_code && current.join_code) await this.documents.removeItem(codeKey(current.join_code))
      return next
    })
  }

  /**
   * The open studio exists from the first start, with `limits` per participant; a leader may
   * change or close it like any session. A studio from before it had limits, never changed by a
   * leader, gets them too: an open door without limits lets one client fill the disk.
   */
  async ensureStudio(safetyLevel: SafetyLevel, limits: SessionLimits): Promise<CourseSession> {
    return this.mutex.run(STUDIO_SESSION_ID, async () => {
      const existing = await this.get(STUDIO_SESSION_ID)
      const untouchedWithoutLimits = existing && existing.updated_at === existing.created_at
        && existing.limits.runs_per_hour === null && existing.limits.runs_in_progress === null
      if (existing && !untouchedWithoutLimits) return existing
      if (existing) {
        const limited = { ...existing, limits, updated_at: new Date().toISOString() }
        await this.write(limited)
        return limited
      }
      const now = new Date().toISOString()
      const studio: CourseSession = {
        id: STUDIO_SESSION_ID,
        name: 'Open studio',
        join_code: null,
        safety_level: safetyLevel,
        perspectives: null,
        outputs: null,
        limits,
        open: true,
        archived: false,
        retention: 'global',
        personal_data: 'block',
        picture_input: true,
        faces: 'blur',
        created_at: now,
        updated_at: now,
        created_by: 'system',
      }
      await this.write(studio)
      return studio
    })
  }

  private async write(session: CourseSession) {
    await this.documents.setItem(sessionKey(session.id), `${JSON.stringify(session, null, 2)}\n`)
    if (session.join_code) await this.documents.setItem(codeKey(session.join_code), session.id)
  }

  /** 31^6 ≈ 887 million codes: a clash is rare, but a reused code would send a class into the wrong session. */
  private async claimFreeCode(): Promise<string> {
    for (;;) {
      const code = drawJoinCode()
      if (!(await this.documents.hasItem(codeKey(code)))) return code
    }
  }
}

/** For admin routes: the session, or 404 naming the id. */
export async function requireSession(sessions: SessionStore, id: string): Promise<CourseSession> {
  const session = await sessions.get(id)
  if (!session) throw createError({ statusCode: 404, statusMessage: `Unknown session "${id}"` })
  return session
}
