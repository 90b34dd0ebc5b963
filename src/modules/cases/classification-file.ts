import { parse } from 'csv-parse/sync'
import { type FieldError, invalid } from '../../platform/errors.js'

/** One class of a classification as a file gives it, with what is inherited worked out. */
export interface ParsedClass {
  symbol: string
  title: string
  parent: string | null
  /** The category the file gives this class, if any. */
  ownCategory: string | null
  /** Its own category, or the nearest ancestor's: what its cases are kept under. */
  category: string | null
  leaf: boolean
}

/** `A`, `B<n>`, `Bc`, `BE<n>`: the archival categories of the Polish instruction (UA periods map onto them). */
export const ARCHIVAL_CATEGORY = /^(A|B[1-9]\d{0,2}|Bc|BE[1-9]\d{0,2})$/
/** A JRWA symbol (`0152`) or a nomenclature index (`01-05`): letters, digits, `.`, `-`, `/`. */
const SYMBOL = /^[0-9A-Za-z](?:[0-9A-Za-z.\-/]{0,18}[0-9A-Za-z])?$/
const COLUMNS = ['symbol', 'title', 'category', 'parent'] as const
const MAX_CLASSES = 20_000

/**
 * Reads a classification from CSV (`symbol;title;category;parent`, UTF-8, a header line allowed) and
 * checks it whole: every line four columns, symbols unique and well-formed, parents present, no
 * cycles, categories well-formed, and every leaf with a category of its own or inherited. Any problem
 * refuses the file (422) naming the line and column, so nothing half-imported can exist.
 */
export function parseClassificationCsv(text: string): ParsedClass[] {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      delimiter: ';',
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: 10_000,
    }) as unknown as typeof records
  } catch (error) {
    const e = error as { lines?: number; column?: number | string; message?: string }
    throw invalid([
      { path: `body.line[${e.lines ?? 0}]`, message: `line ${e.lines ?? '?'}: ${e.message ?? 'not CSV'}` },
    ])
  }
  if (records.length > 0 && records[0]!.record[0]?.toLowerCase() === 'symbol') records.shift()
  if (records.length === 0) throw invalid([{ path: 'body', message: 'the file has no classes' }])
  if (records.length > MAX_CLASSES)
    throw invalid([{ path: 'body', message: `at most ${MAX_CLASSES} classes in one file` }])

  const errors: FieldError[] = []
  const at = (line: number, column: number, message: string) =>
    errors.push({
      path: `body.line[${line}].${COLUMNS[column - 1]}`,
      message: `line ${line}, column ${column} (${COLUMNS[column - 1]}): ${message}`,
    })
  const bySymbol = new Map<string, ParsedClass & { line: number }>()
  for (const { record, info } of records) {
    const line = info.lines
    if (record.length !== 4) {
      errors.push({
        path: `body.line[${line}]`,
        message: `line ${line}: ${record.length} columns, expected 4 (symbol;title;category;parent)`,
      })
      continue
    }
    const [symbol, title, category, parent] = record as [string, string, string, string]
    if (!SYMBOL.test(symbol))
      at(line, 1, 'a symbol is letters and digits with . - / between them, at most 20')
    else if (bySymbol.has(symbol)) at(line, 1, `${symbol} is already on line ${bySymbol.get(symbol)!.line}`)
    if (title.length === 0 || title.length > 500) at(line, 2, 'a title of 1 to 500 characters is required')
    if (category && !ARCHIVAL_CATEGORY.test(category))
      at(line, 3, 'must be A, B<n>, Bc or BE<n> (e.g. B10), or empty')
    bySymbol.set(symbol, {
      symbol,
      title,
      parent: parent || null,
      ownCategory: category || null,
      category: null,
      leaf: true,
      line,
    })
  }
  for (const c of bySymbol.values()) {
    if (c.parent === null) continue
    const parent = bySymbol.get(c.parent)
    if (!parent) at(c.line, 4, `no class ${c.parent} in the file`)
    else if (parent === c) at(c.line, 4, 'a class cannot be its own parent')
    else parent.leaf = false
  }
  if (errors.length === 0)
    for (const c of bySymbol.values()) {
      // Walk up to the root: the nearest category is inherited; a walk longer than the tree is a cycle.
      const seen = new Set<string>()
      let node: typeof c | undefined = c
      while (node && !seen.has(node.symbol)) {
        seen.add(node.symbol)
        if (c.category === null && node.ownCategory) c.category = node.ownCategory
        node = node.parent ? bySymbol.get(node.parent) : undefined
      }
      if (node) at(c.line, 4, `the parents of ${c.symbol} go round in a circle`)
      else if (c.leaf && c.category === null)
        at(c.line, 3, `${c.symbol} takes cases: it needs a category of its own or from a class above`)
    }
  if (errors.length > 0) throw invalid(errors.slice(0, 50))
  return [...bySymbol.values()].map(({ line: _line, ...c }) => c)
}
