import { H3Event } from 'h3'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { MemoryExpiringStore } from '../../../../../server/utils/cluster/expiring-store'
import { ParticipantUploadLimit } from '../../../../../server/utils/limits/participant-upload-limit'

const eventOf = () => {
  const req = new IncomingMessage(new Socket())
  return new H3Event(req, new ServerResponse(req))
}

describe('ParticipantUploadLimit', () => {
  it('refuses the upload past the hourly allowance with 429, Retry-After and a sentence, per participant', async () => {
    const limit = new ParticipantUploadLimit(new MemoryExpiringStore(), 2)
    await limit.spend(eventOf(), 'a')
    await limit.spend(eventOf(), 'a')
    const event = eventOf()
    const refusal = await limit.spend(event, 'a').then(() => null, (error: { statusCode: number, statusMessage: string, data: { limit: string } }) => error)
    expect(refusal).toMatchObject({ statusCode: 429, data: { limit: 'uploads_per_hour' } })
    expect(refusal!.statusMessage).toMatch(/^You have uploaded 2 pictures this hour\. Try again in \d+ min\.$/)
    expect(Number(event.node.res.getHeader('retry-after'))).toBeGreaterThan(3500)
    await expect(limit.spend(eventOf(), 'b')).resolves.toBeUndefined()
  })
})
