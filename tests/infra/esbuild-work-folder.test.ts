// esbuild.config.cjs picks serverless-esbuild's work folder per command: packaging builds in a
// folder of its own, so neither a bundle left by `npm start` reaches a zip nor does packaging
// remove the folder a running server loads from (tests/integration/zips.test.ts runs the CLI).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import esbuildConfig from '../../esbuild.config.cjs'

let serviceDir = ''
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid ?? 0

const serverless = (...commands: string[]) => ({ processedInput: { commands }, serviceDir })

before(async () => {
  delete process.env.SLS_ESBUILD_WORK_FOLDER
  serviceDir = await mkdtemp(path.join(tmpdir(), 'work-folder-'))
  for (const folder of ['.build', `package-${deadPid}`, `package-${process.ppid}`]) {
    await mkdir(path.join(serviceDir, '.esbuild', folder), { recursive: true })
  }
})

after(() => rm(serviceDir, { recursive: true, force: true }))

describe('esbuild.config.cjs: work folders', () => {
  for (const command of ['package', 'deploy']) {
    it(`gives ${command} a folder of its own process`, () => {
      const options = esbuildConfig(serverless(command))
      assert.equal(options.outputWorkFolder, path.join('.esbuild', `package-${process.pid}`))
    })
  }

  it('removes folders of packaging runs that are gone, never a running one or the offline build', async () => {
    esbuildConfig(serverless('package'))
    assert.deepEqual((await readdir(path.join(serviceDir, '.esbuild'))).sort(), [
      '.build',
      `package-${process.ppid}`,
    ])
  })

  for (const commands of [['offline', 'start'], ['invoke', 'local'], ['print']]) {
    it(`leaves ${commands.join(' ')} in serverless-esbuild's default folder`, () => {
      assert.equal(esbuildConfig(serverless(...commands)).outputWorkFolder, undefined)
    })
  }

  it('lets SLS_ESBUILD_WORK_FOLDER choose for every command', () => {
    process.env.SLS_ESBUILD_WORK_FOLDER = '.esbuild/test-x'
    try {
      for (const command of ['package', 'offline']) {
        assert.equal(esbuildConfig(serverless(command)).outputWorkFolder, '.esbuild/test-x')
      }
    } finally {
      delete process.env.SLS_ESBUILD_WORK_FOLDER
    }
  })
})
