import { Type } from 'typebox'
import { describe, expect, it } from 'vitest'
import { jsonColumn, StoredValueError, toJsonColumn } from './json-column.js'

describe('JSON columns read with their schema', () => {
  const hours = jsonColumn(
    'opening hours',
    Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  )

  it('gives back what was stored when it matches', () => {
    const value = [{ from: '08:00', to: '16:00' }]
    expect(hours(toJsonColumn(value))).toEqual(value)
  })

  it('refuses a stored value that does not match, naming the column and the place', () => {
    expect(() => hours('[{"from":"08:00","to":16}]')).toThrow(StoredValueError)
    expect(() => hours('[{"from":"08:00","to":16}]')).toThrow(
      /stored opening hours does not match its schema at \/0\/to/,
    )
    expect(() => hours('{"from":"08:00"}')).toThrow(/opening hours/)
  })

  it('reads back older rows that a content rule tightened since would refuse', () => {
    const link = jsonColumn('link', Type.Object({ url: Type.String({ format: 'uri', pattern: '^https:' }) }))
    expect(link('{"url":"javascript:alert(1)"}')).toEqual({ url: 'javascript:alert(1)' })
    expect(() => link('{"url":42}')).toThrow(/stored link/)
  })

  it('keeps a field whose name is that of a rule (a form’s `format`, a price’s `minimum`) as a field', () => {
    const form = jsonColumn(
      'form',
      Type.Object(
        { format: Type.Literal(1), minimum: Type.Number({ minimum: 0 }) },
        { additionalProperties: false },
      ),
    )
    expect(form('{"format":1,"minimum":-5}')).toEqual({ format: 1, minimum: -5 })
    expect(() => form('{"format":2,"minimum":0}')).toThrow(
      /stored form does not match its schema at \/format/,
    )
  })
})
