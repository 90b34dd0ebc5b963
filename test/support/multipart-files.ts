/** A multipart form with several files, as a browser sends a signed file and its data. */
export function files(parts: Record<string, { name: string; content: Buffer }>) {
  const boundary = '----ratusz-signatures'
  const payload = Buffer.concat([
    ...Object.entries(parts).map(([field, f]) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        f.content,
        Buffer.from('\r\n'),
      ]),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** A multipart form as a browser sends a page's form: its text fields, then its files with their types. */
export function formWithFiles(
  fields: Record<string, string | string[]>,
  parts: Record<string, { name: string; content: Buffer; type: string }>,
) {
  const boundary = '----ratusz-form'
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  const payload = Buffer.concat([
    ...Object.entries(fields).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((x) => field(name, x))),
    ...Object.entries(parts).map(([name, f]) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.content,
        Buffer.from('\r\n'),
      ]),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
