import { randomUUID } from 'node:crypto'
import type { Storage } from 'unstorage'
import type { Language } from '#shared/schemas/common'
import { Participant } from '#shared/schemas/session'
import { KeyedMutex } from '../keyed-mutex'
import { isParticipantId } from '../storage/participant-runs'
import { drawPseudonym } from './pseudonyms'

const participantKey = (id: string) => `participants:${id}:participant.json`
/** Before session-members: one list per session, rewritten whole at each join. Still read, never written. */
const legacyMembersKey = (sessionId: string) => `sessions:${sessionId}:participants.json`
const membersBase = (sessionId: string) => `session-members:${sessionId}`
const memberKey = (sessionId: string, participantId: string) => `${membersBase(sessionId)}:${participantId}`

/**
 * Participants: a device in one session, known by a pseudonym. Each session also lists its
 * participants, one small entry per participant (`session-members/<session>/<id>`), so the
 * session page lists one folder instead of scanning every participant, and a join writes two
 * small files however many joined before (the open studio collects every device over the years).
 */
export class ParticipantStore {
  private mutex = new KeyedMutex()

  constructor(private documents: Storage) {}

  async get(participantId: string): Promise<Participant | null> {
    if (!isParticipantId(participantId)) return null
    const raw = await this.documents.getItemRaw<Buffer>(participantKey(participantId))
    return raw ? Participant.parse(JSON.parse(raw.toString('utf8'))) : null
  }

  /** A new participant under an id only the server draws. */
  async create(sessionId: string, language: Language): Promise<Participant> {
    const participant = Participant.parse({
      participant_id: randomUUID(),
      session_id: sessionId,
      pseudonym: drawPseudonym(language),
      created_at: new Date().toISOString(),
    })
    await this.documents.setItem(participantKey(participant.participant_id), `${JSON.stringify(participant, null, 2)}\n`)
    await this.documents.setItem(memberKey(sessionId, participant.participant_id), participant.created_at)
    return participant
  }

  async rename(participantId: string, pseudonym: string): Promise<Participant | null> {
    return this.mutex.run(participantId, async () => {
      const current = await this.get(participantId)
      if (!current) return null
      const next = Participant.parse({ ...current, pseudonym })
      await this.documents.setItem(participantKey(participantId), `${JSON.stringify(next, null, 2)}\n`)
      return next
    })
  }

  /** In the order they joined. */
  async members(sessionId: string): Promise<Participant[]> {
    const ids = await this.memberIds(sessionId)
    const participants = await Promise.all(ids.map(id => this.get(id)))
    return participants.filter((participant): participant is Participant => participant !== null)
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
  }

  async count(sessionId: string): Promise<number> {
    return (await this.memberIds(sessionId)).length
  }

  private async memberIds(sessionId: string): Promise<string[]> {
    const raw = await this.documents.getItemRaw<Buffer>(legacyMembersKey(sessionId))
    const legacy = raw ? JSON.parse(raw.toString('utf8')) as string[] : []
    const base = membersBase(sessionId)
    const current = (await this.documents.getKeys(base)).map(key => key.slice(base.length + 1)).filter(isParticipantId)
    return [...new Set([...legacy, ...current])]
  }
}
