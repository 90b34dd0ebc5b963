/**
 * A JSX runtime that renders straight to HTML strings, escaping every text and attribute value by
 * default. Only `Html` values (from elements, or `raw()` for trusted markup) pass through unescaped.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Child = Html | string | number | boolean | null | undefined | Child[]
export type Children = Child
type Props = Record<string, unknown> & { children?: Child }
type Component<P = Props> = (props: P) => Html

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const NEEDS_ESCAPE = /[&<>"']/
const NAME = /^[a-zA-Z][a-zA-Z0-9:._-]*$/
const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$)/i

export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string) : text
}

/** Markup the caller vouches for (e.g. a pre-rendered fragment). Never pass user input. */
export function raw(html: string): Html {
  return new Html(html)
}

function renderChildren(child: Child, out: string[]): void {
  if (child === null || child === undefined || child === false || child === true) return
  if (child instanceof Html) out.push(child.value)
  else if (Array.isArray(child)) for (const c of child) renderChildren(c, out)
  else out.push(escapeHtml(String(child)))
}

/** Attributes a browser follows as a link or a form target. */
const URL_ATTRIBUTES = new Set(['href', 'action', 'formaction'])
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

/**
 * Whether a link target is safe to render: a relative address, or one whose scheme is web, mail or
 * telephone. Browsers ignore tabs, newlines and leading controls in a scheme (`java\tscript:`), so
 * those are removed before the scheme is read.
 */
export function isSafeLink(url: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these, so must we.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020]/g, ''))?.[1]
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase())
}

function renderAttributes(props: Record<string, unknown> | null): string {
  if (!props) return ''
  let out = ''
  for (const key in props) {
    if (key === 'children') continue
    const value = props[key]
    if (value === null || value === undefined || value === false) continue
    if (!NAME.test(key)) throw new Error(`Invalid attribute name: ${key}`)
    // Inline handlers and styles: never written, whatever the caller passes (the CSP forbids them).
    if (FORBIDDEN_ATTRIBUTE.test(key)) throw new Error(`Attribute not allowed: ${key}`)
    // A `javascript:` or `data:` link never reaches a page, whatever was stored.
    if (URL_ATTRIBUTES.has(key) && !isSafeLink(String(value))) continue
    out += value === true ? ` ${key}` : ` ${key}="${escapeHtml(String(value))}"`
  }
  return out
}

export function h(
  tag: string | Component<never>,
  props: Record<string, unknown> | null,
  ...children: Child[]
): Html {
  if (typeof tag === 'function') {
    return (tag as Component)({ ...(props ?? {}), children: children.length === 1 ? children[0] : children })
  }
  if (!NAME.test(tag)) throw new Error(`Invalid element name: ${tag}`)
  const open = `<${tag}${renderAttributes(props)}>`
  if (VOID.has(tag)) return new Html(open)
  const out: string[] = [open]
  renderChildren(children, out)
  out.push(`</${tag}>`)
  return new Html(out.join(''))
}

export function Fragment(props: { children?: Child }): Html {
  const out: string[] = []
  renderChildren(props.children, out)
  return new Html(out.join(''))
}

/** A whole document: the doctype and the root element. */
export function documentOf(root: Html): string {
  return `<!doctype html>${root.value}`
}

type Value = string | number | boolean | null | undefined

/**
 * The attributes an element may have: HTML's own names (global, links and forms, media and meta,
 * tables), `aria-*` and `data-*`. A misspelt or React-style name (`className`, `htmlFor`) does not
 * compile, nor do inline event handlers or styles, which the Content-Security-Policy would block
 * anyway (the runtime refuses them too).
 */
interface HtmlAttributes {
  children?: unknown
  // Global
  id?: Value
  class?: Value
  lang?: Value
  dir?: Value
  title?: Value
  hidden?: Value
  role?: Value
  tabindex?: Value
  translate?: Value
  // Links, forms and fields
  href?: Value
  hreflang?: Value
  rel?: Value
  target?: Value
  download?: Value
  action?: Value
  method?: Value
  enctype?: Value
  novalidate?: Value
  name?: Value
  value?: Value
  type?: Value
  for?: Value
  form?: Value
  formaction?: Value
  formmethod?: Value
  placeholder?: Value
  autocomplete?: Value
  inputmode?: Value
  required?: Value
  disabled?: Value
  readonly?: Value
  checked?: Value
  selected?: Value
  multiple?: Value
  min?: Value
  max?: Value
  step?: Value
  minlength?: Value
  maxlength?: Value
  pattern?: Value
  size?: Value
  accept?: Value
  rows?: Value
  cols?: Value
  wrap?: Value
  label?: Value
  list?: Value
  // Media, metadata and scripts from our own origin
  src?: Value
  alt?: Value
  width?: Value
  height?: Value
  loading?: Value
  decoding?: Value
  srcset?: Value
  sizes?: Value
  charset?: Value
  content?: Value
  'http-equiv'?: Value
  media?: Value
  integrity?: Value
  crossorigin?: Value
  referrerpolicy?: Value
  as?: Value
  defer?: Value
  nonce?: Value
  // Tables, lists, times
  scope?: Value
  headers?: Value
  colspan?: Value
  rowspan?: Value
  span?: Value
  datetime?: Value
  open?: Value
  start?: Value
  reversed?: Value
  cite?: Value
  high?: Value
  low?: Value
  optimum?: Value
  [aria: `aria-${string}`]: Value
  [data: `data-${string}`]: Value
}

declare global {
  namespace JSX {
    type Element = Html
    interface IntrinsicElements {
      [tag: string]: HtmlAttributes
    }
    interface ElementChildrenAttribute {
      children: unknown
    }
  }
}
