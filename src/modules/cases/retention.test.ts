import { describe, expect, it } from 'vitest'
import { retentionOf } from './retention.js'

describe('retention by archival category', () => {
  it('counts full calendar years from 1 January after closing: B5 closed on 2019-06-30 is eligible on 2025-01-01', () => {
    expect(retentionOf('B5', '2019-06-30', 25)).toEqual({ action: 'destroy', from: '2025-01-01' })
    expect(retentionOf('B5', '2019-12-31', 25)).toEqual({ action: 'destroy', from: '2025-01-01' })
    expect(retentionOf('B5', '2020-01-01', 25)).toEqual({ action: 'destroy', from: '2026-01-01' })
  })

  it('destroys Bc after use, has BE reviewed by the archive, transfers A after the office keeps it', () => {
    expect(retentionOf('Bc', '2024-03-10', 25)).toEqual({ action: 'destroy', from: '2025-01-01' })
    expect(retentionOf('BE10', '2014-05-05', 25)).toEqual({ action: 'review', from: '2025-01-01' })
    expect(retentionOf('A', '2000-02-02', 25)).toEqual({ action: 'transfer', from: '2026-01-01' })
    expect(retentionOf('B50', '2000-02-02', 25)).toEqual({ action: 'destroy', from: '2051-01-01' })
    expect(retentionOf('X', '2000-02-02', 25)).toBeNull()
  })
})
