import { describe, expect, it } from 'vitest'
import { ibanOf, isIban, isPesel, isRnokpp } from './personal-identifiers.js'

describe('personal and account numbers', () => {
  it('accepts a PESEL whose check digit and date of birth hold, and refuses a mistyped one', () => {
    expect(isPesel('44051401359')).toBe(true) // 14 May 1944
    expect(isPesel('02270803624')).toBe(true) // 8 July 2002: the month carries the century (+20)
    expect(isPesel('44051401358')).toBe(false) // the check digit
    expect(isPesel('44053201350')).toBe(false) // 32 May
    expect(isPesel('4405140135')).toBe(false)
    expect(isPesel('4405140135a')).toBe(false)
  })

  it('accepts a РНОКПП whose check digit holds', () => {
    expect(isRnokpp('3184710691')).toBe(true)
    expect(isRnokpp('3184710692')).toBe(false)
    expect(isRnokpp('318471069')).toBe(false)
  })

  it('accepts an IBAN with its spaces, Polish and Ukrainian, and refuses one digit off', () => {
    expect(isIban(ibanOf('PL61 1090 1014 0000 0712 1981 2874') ?? '')).toBe(true)
    expect(isIban(ibanOf('UA21 3223 1300 0002 6007 2335 6600 1') ?? '')).toBe(true)
    expect(isIban(ibanOf('PL61 1090 1014 0000 0712 1981 2875') ?? '')).toBe(false)
  })
})
