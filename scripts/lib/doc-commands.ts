// The commands the docs tell a reader to type: every `npm …`, `npx serverless …`, `serverless …`
// and `curl …` in a shell code block or an inline code span of a Markdown file. The docs test
// (tests/docs/commands.test.ts) runs each of them, so a command that stops working, or a new one
// nobody has classified, fails the suite.

export interface DocCommand {
  /** e.g. docs/logging.md */
  file: string
  line: number
  /** The command as a reader would type it, continuation lines joined, whitespace collapsed. */
  command: string
  /** Shell assignments written before it in the same block (`ORDER='…'`), for its variables. */
  setup: string[]
  /** The `# …` lines right after it in its block: what the docs say it prints. */
  shown: string[]
  /** 'block' for a line of a sh code block, 'inline' for a code span in prose. */
  source: 'block' | 'inline'
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\$\([^)]*\)|\S*)\s+/
const TOOL = /^(?:npm|npx|serverless|curl)\s/

/** `POWERTOOLS_LOG_LEVEL=INFO npm start` → the command after its environment assignments. */
export const withoutEnv = (command: string): string => {
  let rest = command
  for (let match = ASSIGNMENT.exec(rest); match; match = ASSIGNMENT.exec(rest)) {
    rest = rest.slice(match[0].length)
  }
  return rest
}

/** A line without its trailing `# comment` (a `#` outside quotes, after whitespace). */
const withoutComment = (line: string): string => {
  let quote = ''
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === "'" || c === '"') quote = c
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i)
  }
  return line
}

const isCommand = (text: string): boolean => TOOL.test(`${withoutEnv(text)} `)
const isAssignment = (text: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=\S/.test(text)

/** Every command in one Markdown text, in document order. */
export function extractCommands(file: string, markdown: string): DocCommand[] {
  const found: DocCommand[] = []
  const lines = markdown.split('\n')
  let fence: { lang: string } | undefined
  let setup: string[] = []
  let prose: { text: string; line: number }[] = []

  const flushProse = (): void => {
    const text = prose.map((p) => p.text).join('\n')
    let offset = 0
    const starts = prose.map((p) => {
      const start = { line: p.line, at: offset }
      offset += p.text.length + 1
      return start
    })
    // Inline code spans (single backticks) may wrap across lines of a paragraph.
    for (const match of text.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) {
      const span = (match[1] ?? '').replace(/\s+/g, ' ').trim()
      if (!isCommand(span)) continue
      const at = match.index ?? 0
      const lineOf = starts.findLast((s) => s.at <= at)?.line ?? 0
      found.push({ file, line: lineOf, command: span, setup: [], shown: [], source: 'inline' })
    }
    prose = []
  }

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? ''
    const opening = /^\s*```(\S*)/.exec(raw)
    if (fence === undefined && opening) {
      flushProse()
      fence = { lang: opening[1] ?? '' }
      setup = []
      continue
    }
    if (fence !== undefined) {
      if (/^\s*```\s*$/.test(raw)) {
        fence = undefined
        continue
      }
      if (!['sh', 'bash', 'shell', 'console'].includes(fence.lang)) continue
      // A command with its continuation lines.
      let text = raw
      const first = i + 1
      while (text.endsWith('\\') && i + 1 < lines.length)
        text = `${text.slice(0, -1)} ${lines[++i]}`
      const command = withoutComment(text).replace(/\s+/g, ' ').trim()
      if (command === '' || command.startsWith('#')) continue
      if (isCommand(command)) {
        const shown: string[] = []
        for (let j = i + 1; j < lines.length && /^#( |$)/.test(lines[j] ?? ''); j++) {
          shown.push((lines[j] ?? '').slice(2))
        }
        found.push({ file, line: first, command, setup: [...setup], shown, source: 'block' })
      } else if (isAssignment(command)) {
        setup.push(command)
      }
      continue
    }
    if (raw.trim() === '') flushProse()
    else prose.push({ text: raw, line: i + 1 })
  }
  flushProse()
  return found
}
