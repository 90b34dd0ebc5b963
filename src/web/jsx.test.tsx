import { describe, expect, it } from 'vitest'
import { documentOf, Fragment, h, raw } from './jsx.js'

describe('JSX to HTML', () => {
  it('escapes text and attribute values by default', () => {
    const evil = '<script>alert("x")</script>'
    const html = (
      <p title={evil} data-x="a&b">
        {evil}
      </p>
    )
    expect(html.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" data-x="a&amp;b">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    )
  })

  it('passes trusted markup only through raw()', () => {
    expect((<div>{raw('<b>ok</b>')}</div>).toString()).toBe('<div><b>ok</b></div>')
  })

  it('renders void elements, boolean attributes, fragments and skips null, undefined and false', () => {
    const html = (
      <>
        <input type="checkbox" checked disabled={false} aria-label={undefined} />
        {null}
        {false}
        {[1, 2].map((n) => (
          <i>{n}</i>
        ))}
      </>
    )
    expect(html.toString()).toBe('<input type="checkbox" checked><i>1</i><i>2</i>')
  })

  it('renders components with their children', () => {
    const Box = (props: { label: string; children?: unknown }) => (
      <section aria-label={props.label}>{props.children as string}</section>
    )
    expect(documentOf(<Box label="x">inner</Box>)).toBe(
      '<!doctype html><section aria-label="x">inner</section>',
    )
  })

  it('refuses attribute names that could break out of the tag', () => {
    expect(() => h('p', { 'onclick="x"': 1 })).toThrow(/Invalid attribute name/)
  })

  it('refuses inline handlers and styles at run time, whatever reaches it', () => {
    expect(() => h('button', { onclick: 'steal()' })).toThrow(/not allowed: onclick/)
    expect(() => h('p', { style: 'color:red' })).toThrow(/not allowed: style/)
    expect(() => h('iframe', { srcdoc: '<script>' })).toThrow(/not allowed: srcdoc/)
  })

  it('types attributes: HTML’s names, aria-* and data-*, and nothing else', () => {
    const ok = (
      <label for="x" class="c" aria-describedby="h" data-minutes={5}>
        Name
      </label>
    )
    expect(ok.toString()).toBe('<label for="x" class="c" aria-describedby="h" data-minutes="5">Name</label>')
    // Each of these is a compile error (checked by the type-check of npm test), and refused besides.
    // @ts-expect-error React's name for class is not HTML's
    const react = () => <p className="c" />
    const inline = () => (
      // @ts-expect-error no inline event handlers
      <button type="button" onclick="x()">
        Go
      </button>
    )
    const typo = () => (
      // @ts-expect-error a misspelt attribute
      <a href="/x" hreff="/x">
        Go
      </a>
    )
    expect(react().toString()).toBe('<p className="c"></p>')
    expect(inline).toThrow(/not allowed/)
    expect(typo().toString()).toBe('<a href="/x" hreff="/x">Go</a>')
  })
})
