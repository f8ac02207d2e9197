import { randomUUID } from 'node:crypto'
import type { Storage } from 'unstorage'
import type { Language } from '#shared/schemas/common'
import { Participant } from '#shared/schemas/session'
import { KeyedMutex } from '../keyed-mutex'
import { isParticipantId } from '../storage/participant-runs'
import { drawPseudonym } from './pseudonyms'

const participantKey = (id: string) => `participants:${id}:participant.json`
const membersKey = (sessionId: string) => `sessions:${sessionId}:participants.json`

/**
 * Participants: a device in one session, known by a pseudonym. Each session also lists its
 * participants, so the session page reads one file instead of scanning every participant.
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
    await this.mutex.run(`members:${sessionId}`, async () => {
      const members = await this.memberIds(sessionId)
      await this.documents.setItem(membersKey(sessionId), JSON.stringify([...members, participant.participant_id]))
    })
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

  async members(sessionId: string): Promise<Participant[]> {
    const ids = await this.memberIds(sessionId)
    const participants = await Promise.all(ids.map(id => this.get(id)))
    return participants.filter((participant): participant is Participant => participant !== null)
  }

  async count(sessionId: string): Promise<number> {
    return (await this.memberIds(sessionId)).length
  }

  private async memberIds(sessionId: string): Promise<string[]> {
    const raw = await this.documents.getItemRaw<Buffer>(membersKey(sessionId))
    return raw ? JSON.parse(raw.toString('utf8')) as string[] : []
  }
}
