/** JSON kept in a text column, read the same way on SQLite and PostgreSQL. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value)
}

export function fromJsonColumn<T>(text: string): T {
  return JSON.parse(text) as T
}
