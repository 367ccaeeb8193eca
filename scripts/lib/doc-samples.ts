// A doc's code sample that is a real file: the fenced block right after `<!-- sample: <file> -->`
// holds that file byte for byte. `npm run docs` copies the files in; tests/infra/testing-doc.test.ts
// fails while a block differs.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from './sls.ts'

/** The docs that show sample files. */
export const SAMPLE_DOCS = ['docs/testing.md']

const SAMPLE = /(<!-- sample: (\S+) -->\n```[a-z]*\n)([\s\S]*?)(```)/g

/** Each sample of `text`: the file it names and the block the doc shows. */
export const samplesOf = (text: string): { file: string; block: string }[] =>
  [...text.matchAll(SAMPLE)].map(([, , file = '', block = '']) => ({ file, block }))

/** `text` with every sample block replaced by its file's current content. */
export const withSamples = (text: string, root = projectRoot): string =>
  text.replace(
    SAMPLE,
    (_, head: string, file: string, _block: string, fence: string) =>
      `${head}${readFileSync(path.join(root, file), 'utf8')}${fence}`,
  )
