/** Languages Ratusz speaks, in the order the language switcher shows them. */
export const LANGUAGES = ['uk', 'pl', 'en'] as const
export type Lang = (typeof LANGUAGES)[number]

/** Text in every language: `{ "pl": …, "uk": …, "en": … }`. */
export type MultilingualText = Record<Lang, string>

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}
