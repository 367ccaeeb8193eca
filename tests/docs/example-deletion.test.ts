// Deleting /example the README way (its `# example:begin` … `# example:end` blocks, removed by the
// very function the fork check uses) must leave serverless.yml with what the docs promise:
// a route throttled as docs/infrastructure.md shows keeps its limits.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { deleteExampleBlocks as deleteExample } from '../../scripts/fork-check/apply.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8')
const yaml = read('serverless.yml')
const sample = /<!-- route-settings -->\n```yaml\n([\s\S]*?)```/.exec(
  read('docs/infrastructure.md'),
)?.[1]

interface Stage {
  resources: { extensions: { HttpApiStage: { Properties: Record<string, unknown> } } }
}
const stageOf = (text: string) =>
  (parse(text) as Stage).resources.extensions.HttpApiStage.Properties

describe('deleting /example from serverless.yml', {
  skip: yaml.includes('# example:begin') ? false : 'serverless.yml has no /example blocks',
}, () => {
  it('keeps a route throttled the way docs/infrastructure.md shows', () => {
    assert.ok(sample, 'docs/infrastructure.md has no <!-- route-settings --> yaml block')
    const end = sample.indexOf('# example:end\n') + '# example:end\n'.length
    const [shown, added] = [sample.slice(0, end), sample.slice(end)]
    assert.ok(yaml.includes(shown), 'the sample up to # example:end is not in serverless.yml')
    const forked = yaml.replace(shown, shown + added)
    const key = /^\s*(\S[^:]*):/.exec(added)?.[1] ?? ''
    const before = stageOf(forked).RouteSettings as Record<string, unknown>
    const after = stageOf(deleteExample(forked)).RouteSettings as Record<string, unknown>
    assert.ok(before[key], key)
    assert.deepEqual(after, { [key]: before[key] })
  })

  it('leaves valid YAML with the stage settings the docs describe', () => {
    const stage = stageOf(deleteExample(yaml))
    assert.ok(stage.DefaultRouteSettings, 'DefaultRouteSettings')
    assert.ok('RouteSettings' in stage, 'RouteSettings, where the docs say to add a route')
  })
})
