import { describe, expect, it } from 'vitest'
import { redactLogLine, secretsOf } from '../../../../../server/utils/http/log-redaction'
import { textWithoutUrlCredentials } from '../../../../../server/utils/http/url-without-credentials'
import type { Settings } from '../../../../../server/utils/settings'

describe('textWithoutUrlCredentials', () => {
  it('takes user and password out of every URL in a text and leaves host, port and path', () => {
    expect(textWithoutUrlCredentials('oa (http://bob:PASSWORD@gpu:8000/v1) could not be reached; also redis://:pw@cache:6379/0'))
      .toBe('oa (http://gpu:8000/v1) could not be reached; also redis://cache:6379/0')
  })

  it('leaves an @ in a path or a mail address alone', () => {
    expect(textWithoutUrlCredentials('https://example.org/users/@anna and anna@example.org')).toBe('https://example.org/users/@anna and anna@example.org')
  })
})

describe('log redaction', () => {
  it('replaces the Redis password ioredis prints with a failed AUTH command', () => {
    const secrets = secretsOf({ redisUrl: 'redis://:Wr0ng%21Secret@cache:6379/0', s3SecretAccessKey: '', adminPassword: '' } as Settings)
    expect(secrets).toEqual(['Wr0ng!Secret'])
    expect(redactLogLine(`ReplyError: WRONGPASS { command: { name: 'auth', args: [ 'Wr0ng!Secret' ] } }`, secrets))
      .toBe(`ReplyError: WRONGPASS { command: { name: 'auth', args: [ '***' ] } }`)
  })

  it('knows the bucket key and the first leader’s password, and ignores empty settings', () => {
    expect(secretsOf({ redisUrl: '', s3SecretAccessKey: 'bucket-secret', adminPassword: 'first-leader-pw' } as Settings)).toEqual(['bucket-secret', 'first-leader-pw'])
  })
})
