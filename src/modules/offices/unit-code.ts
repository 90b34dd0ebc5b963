/**
 * A unit code as the Polish records rules define it: letters and digits with at least one letter
 * (`OR`, `B2`, `A1c`, `11d`; not `123`), because it leads every case sign (`OR.0152.1.2025`).
 */
export function isValidUnitCode(code: string): boolean {
  return /^[\p{L}\p{Nd}]{1,12}$/u.test(code) && /\p{L}/u.test(code)
}
