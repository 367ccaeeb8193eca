/** Summary statistics for the benchmark; no dependency, so the numbers are easy to audit. */

/** Linear-interpolated quantile (the usual "type 7"), q in [0, 1]; NaN for no samples. */
export const quantile = (sorted: ArrayLike<number>, q: number): number => {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const low = sorted[lower] as number
  const high = sorted[upper] as number
  return low + (high - low) * (position - lower)
}

export interface Summary {
  n: number
  median: number
  p25: number
  p75: number
  p99: number
}

const round = (value: number, digits = 3): number => {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export const summarize = (samples: readonly number[]): Summary => {
  const sorted = Float64Array.from(samples).sort()
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5)),
    p25: round(quantile(sorted, 0.25)),
    p75: round(quantile(sorted, 0.75)),
    p99: round(quantile(sorted, 0.99)),
  }
}

/**
 * Median of the ratios of runs taken back to back (service run i next to floor run i): the
 * machine's drift over the whole benchmark touches both members of a pair alike and cancels out,
 * which the ratio of two pooled medians does not achieve on a noisy host.
 */
export const pairedRatio = (
  service: readonly number[],
  floor: readonly number[],
): number | null => {
  const ratios = service
    .map((s, i) => s / (floor[i] ?? Number.NaN))
    .filter((r) => Number.isFinite(r) && r > 0)
  return ratios.length === 0 ? null : round(summarize(ratios).median, 2)
}

/** Median of the differences of runs taken back to back (see pairedRatio), in their unit. */
export const pairedDifference = (
  service: readonly number[],
  floor: readonly number[],
): number | null => {
  const differences = service
    .map((s, i) => s - (floor[i] ?? Number.NaN))
    .filter((d) => Number.isFinite(d))
  return differences.length === 0 ? null : round(summarize(differences).median, 1)
}

/** service / floor, rounded; NaN-safe so a broken figure shows as null in the JSON. */
export const ratio = (service: number, floor: number): number | null =>
  Number.isFinite(service) && Number.isFinite(floor) && floor > 0 ? round(service / floor, 2) : null
