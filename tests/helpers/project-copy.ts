// A copy of this project in a temporary folder (tracked and untracked-but-not-ignored files,
// node_modules linked), for tests that must change the tree or leave files behind in it without
// touching the real one: leftovers of earlier runs, a broken declaration, a renamed function.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'

const run = promisify(execFile)

export interface ProjectCopy {
  root: string
  remove(): Promise<void>
}

export async function copyProject(label: string): Promise<ProjectCopy> {
  const root = await mkdtemp(path.join(tmpdir(), `${label}-`))
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: projectRoot,
      maxBuffer: 16 * 1024 * 1024,
    },
  )
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await cp(path.join(projectRoot, file), path.join(root, file)).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error // deleted in the work tree, not yet in git
      },
    )
  }
  await symlink(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir')
  return { root, remove: () => rm(root, { recursive: true, force: true }) }
}
