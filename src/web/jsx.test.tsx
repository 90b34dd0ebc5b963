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
})
