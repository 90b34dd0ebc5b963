/**
 * Checksums of the personal and account numbers a form asks for: PESEL (Poland), РНОКПП (Ukraine's
 * taxpayer number) and IBAN. A number that fails its checksum was mistyped; the form says so at once.
 */

const digitsOf = (value: string) => Array.from(value, (c) => c.charCodeAt(0) - 48)

/**
 * A PESEL: eleven digits whose weighted sum (1 3 7 9 …) checks, and whose first six are a real date
 * of birth (the month carries the century: +80 for the 1800s, +20 for the 2000s, +40, +60).
 */
export function isPesel(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false
  const d = digitsOf(value)
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
  const sum = weights.reduce((s, w, i) => s + w * (d[i] as number), 0)
  if ((10 - (sum % 10)) % 10 !== d[10]) return false
  const yy = Number(value.slice(0, 2))
  const mm = Number(value.slice(2, 4))
  const dd = Number(value.slice(4, 6))
  const century = { 0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 1800 }[Math.floor(mm / 20)]
  if (century === undefined) return false
  const month = mm % 20
  const date = new Date(Date.UTC(century + yy, month - 1, dd))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === dd && month >= 1
}

/** A РНОКПП: ten digits whose check digit is the weighted sum (−1 5 7 9 4 6 10 5 7) mod 11 mod 10. */
export function isRnokpp(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false
  const d = digitsOf(value)
  const weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7]
  const sum = weights.reduce((s, w, i) => s + w * (d[i] as number), 0)
  return (((sum % 11) + 11) % 11) % 10 === d[9]
}

/**
 * An IBAN (ISO 13616): a country code, two check digits and the account, its length right for the
 * country as ibantools knows it, and the mod-97 check equal to 1. Spaces are ignored.
 */
export { electronicFormatIBAN as ibanOf, isValidIBAN as isIban } from 'ibantools'
