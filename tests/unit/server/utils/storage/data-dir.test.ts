import { chmodSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirError, prepareDataDir } from '../../../../../server/utils/storage/data-dir'
import { makeTempDir } from '../../../../support/server'

describe('prepareDataDir', () => {
  it('defaults to .data under the project and creates it', () => {
    const project = makeTempDir()
    const dataDir = prepareDataDir('', project)
    expect(dataDir.path).toBe(join(realpathSync(project), '.data'))
  })

  it('resolves relative paths and symlinks to one absolute real path', () => {
    const project = makeTempDir()
    mkdirSync(join(project, 'real'))
    symlinkSync(join(project, 'real'), join(project, 'link'))
    expect(prepareDataDir('link', project).path).toBe(realpathSync(join(project, 'real')))
  })

  it('keeps one storage id per folder, shared by everyone who opens it', () => {
    const project = makeTempDir()
    const first = prepareDataDir('store', project)
    const second = prepareDataDir(join(project, 'store'), '/')
    expect(first.storageId).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.storageId).toBe(first.storageId)
    expect(readFileSync(join(first.path, 'storage-id'), 'utf8').trim()).toBe(first.storageId)
    expect(prepareDataDir('other', project).storageId).not.toBe(first.storageId)
  })

  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write, naming the path', () => {
    const project = makeTempDir()
    mkdirSync(join(project, 'locked'))
    chmodSync(join(project, 'locked'), 0o500)
    expect(() => prepareDataDir('locked', project)).toThrow(DataDirError)
    expect(() => prepareDataDir('locked', project)).toThrow(join(project, 'locked'))
  })

  it('refuses a path that is a file, naming the path', () => {
    const project = makeTempDir()
    const file = join(project, 'file')
    writeFileSync(file, 'x')
    expect(() => prepareDataDir(file, project)).toThrow(`Cannot write to the data directory ${file}`)
  })
})
