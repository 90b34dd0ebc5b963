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
