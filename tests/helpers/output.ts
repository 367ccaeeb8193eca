export interface Captured<T> {
  result: T
  /** Everything written to stdout and stderr, in order. */
  text: string
  /** Each non-empty line parsed as JSON; a line that is not JSON fails the capture. */
  lines: Record<string, unknown>[]
}

/**
 * Captures what the code under test writes to stdout/stderr (Powertools writes through a Console
 * bound to these streams) and checks that every line is a JSON object.
 */
export const captureOutput = async <T>(fn: () => Promise<T> | T): Promise<Captured<T>> => {
  const chunks: string[] = []
  const { stdout, stderr } = process
  const originalOut = stdout.write
  const originalErr = stderr.write
  // Under `node --test` the runner reports over this same stdout as binary (Buffer) frames;
  // console-based loggers write strings. Buffers are passed through so the runner keeps working.
  const collect =
    (original: typeof stdout.write, stream: NodeJS.WriteStream) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      if (typeof chunk === 'string') {
        chunks.push(chunk)
        return true
      }
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest)
    }
  stdout.write = collect(originalOut, stdout) as typeof stdout.write
  stderr.write = collect(originalErr, stderr) as typeof stderr.write
  let result: T
  try {
    result = await fn()
  } finally {
    stdout.write = originalOut
    stderr.write = originalErr
  }
  const text = chunks.join('')
  const lines = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>
      } catch {
        throw new Error(`Not a JSON log line: ${line}`)
      }
    })
  return { result, text, lines }
}
