type Resource = { Type: string; Properties: Record<string, unknown> }

/** What osls passes to a `${file(x.cjs)}` function (only what the generator uses). */
interface ResolverInput {
  resolveVariable(variable: string): Promise<unknown>
}

declare function build(
  input: ResolverInput,
): Promise<{ Resources: Record<string, Resource>; Outputs: Record<string, unknown> }>
declare namespace build {
  /** osls's logical-id stem for a function name. */
  function normalizedName(name: string): string
  /** The route key of an `httpApi` event, or undefined for another event. */
  function routeKeyOf(event: unknown): string | undefined
}

export = build
