import type { ServiceCard } from './catalogue.schemas.js'

/** One line of a card that differs between two versions; `null` where the line does not exist. */
export interface CardChange {
  path: string
  before: string | null
  after: string | null
}

/**
 * A card as readable lines keyed by their path (`name.uk`, `fees[0].amount`), in the card's
 * field order, so that two versions compare line by line and a change is shown where it is.
 */
export function flattenCard(card: ServiceCard): Map<string, string> {
  const lines = new Map<string, string>()
  const walk = (value: unknown, path: string): void => {
    if (value === undefined || value === null) return
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`)
      return
    }
    if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key)
      return
    }
    lines.set(path, String(value))
  }
  walk(card, '')
  return lines
}

/** What changed from one version of a card to another, line by line, in reading order. */
export function diffCards(before: ServiceCard, after: ServiceCard): CardChange[] {
  const a = flattenCard(before)
  const b = flattenCard(after)
  const paths = [...new Set([...a.keys(), ...b.keys()])]
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((path) => ({ path, before: a.get(path) ?? null, after: b.get(path) ?? null }))
}
