import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Html, raw } from './jsx.js'

/**
 * Our icons, by what they mean, from Tabler Icons (MIT, the `@tabler/icons` package): drawn inline
 * from the package's files, so pages load no icon font or sprite from anywhere.
 */
const TABLER = {
  search: 'search',
  calendar: 'calendar-event',
  ticket: 'ticket',
  clock: 'clock',
  place: 'map-pin',
  phone: 'phone',
  mail: 'mail',
  document: 'file-text',
  online: 'device-laptop',
  next: 'arrow-right',
  print: 'printer',
  queue: 'users-group',
} as const

export type IconName = keyof typeof TABLER

const require = createRequire(import.meta.url)
const drawn = new Map<IconName, string>()

/** The icon's drawing: the file's shapes without its frame (the invisible bounding box). */
function shapesOf(name: IconName): string {
  let shapes = drawn.get(name)
  if (shapes === undefined) {
    const svg = readFileSync(require.resolve(`@tabler/icons/outline/${TABLER[name]}.svg`), 'utf8')
    shapes = (/<svg[^>]*>([\s\S]*)<\/svg>/.exec(svg)?.[1] ?? '')
      .replace(/<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*\/>/, '')
      .replace(/\s+/g, ' ')
      .trim()
    drawn.set(name, shapes)
  }
  return shapes
}

/** An icon beside words (never alone: it is hidden from screen readers, the words say it). */
export function Icon(props: { name: IconName }): Html {
  return raw(
    `<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapesOf(props.name)}</svg>`,
  )
}

/**
 * Ratusz's mark: a town hall with its clock tower, in the colour of the text around it. Drawn by us
 * for the header, the favicon and the printed ticket.
 */
export function Logo(): Html {
  return raw(
    '<svg class="logo" aria-hidden="true" focusable="false" viewBox="0 0 32 32"><path fill="currentColor" fill-rule="evenodd" d="M16 2 20 7H12Z M12.5 7.5H19.5V12H12.5Z M14.4 9.75a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0Z M4 16 16 12.5 28 16Z M4 16.5H28V18H4Z M6 19h3v6H6Z M11.5 19h3v6h-3Z M17.5 19h3v6h-3Z M23 19h3v6h-3Z M3 26H29V29H3Z"/></svg>',
  )
}
