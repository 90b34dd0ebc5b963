/**
 * Search that forgives: everything is folded to one Latin, lower-case, diacritic-free form, so that
 * `dowod` finds `dowód`, `pasport` finds `паспорт` (official Ukrainian transliteration, KMU 2010
 * No. 55) and `довод` finds `dowód`. Both the stored text and the query go through the same folding,
 * and the folded text is one column both SQLite and PostgreSQL search with LIKE.
 */
const UK_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  '’': '',
  "'": '',
  ʼ: '',
  // Russian letters sometimes typed on a Ukrainian keyboard.
  ы: 'y',
  э: 'e',
  ё: 'io',
  ъ: '',
}

/** Lower-case Latin without diacritics; Cyrillic transliterated; `w` folded into `v` (Polish w = в). */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase()
  let out = ''
  for (const ch of lower) out += UK_TO_LATIN[ch] ?? ch
  return out
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/w/g, 'v')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The words of a query, folded; words of one character are dropped (they match everything). */
export function queryTerms(query: string): string[] {
  return [
    ...new Set(
      foldForSearch(query)
        .split(' ')
        .filter((t) => t.length > 1),
    ),
  ].slice(0, 8)
}
