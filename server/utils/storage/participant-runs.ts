import type { Storage } from 'unstorage'
import { KeyedMutex } from '../keyed-mutex'
import { isRunId } from './run-keys'

const PARTICIPANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
export const isParticipantId = (value: string) => PARTICIPANT_ID.test(value)

/**
 * Which runs each participant made, newest last, so a student's gallery is one read plus a page
 * of runs instead of a scan of every run stored.
 */
export class ParticipantRuns {
  private mutex = new KeyedMutex()

  constructor(private documents: Storage) {}

  async add(participantId: string, runId: string): Promise<void> {
    if (!isParticipantId(participantId) || !isRunId(runId)) throw new Error('Not a participant or run id')
    await this.mutex.run(participantId, async () => {
      const runs = await this.list(participantId)
      if (!runs.includes(runId)) await this.documents.setItem(this.key(participantId), JSON.stringify([...runs, runId]))
    })
  }

  async remove(participantId: string, runId: string): Promise<void> {
    if (!isParticipantId(participantId)) return
    await this.mutex.run(participantId, async () => {
      const runs = await this.list(participantId)
      if (runs.includes(runId)) await this.documents.setItem(this.key(participantId), JSON.stringify(runs.filter(id => id !== runId)))
    })
  }

  async list(participantId: string): Promise<string[]> {
    if (!isParticipantId(participantId)) return []
    const raw = await this.documents.getItemRaw<Buffer>(this.key(participantId))
    return raw ? JSON.parse(raw.toString('utf8')) as string[] : []
  }

  private key(participantId: string) {
    return `participants:${participantId}:runs.json`
  }
}
