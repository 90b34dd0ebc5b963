import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { onTestFinished } from 'vitest'

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every message it receives,
 * parsed: what Ratusz sends goes through nodemailer and the SMTP protocol as it would to a real one.
 */
export async function loopbackSmtp() {
  const messages: ParsedMail[] = []
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, no sign-in.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  // A sender that vanishes mid-session (the crash test kills Ratusz with -9) resets its connection;
  // smtp-server reports that as an 'error' event, which with no listener would crash the test run.
  const connectionErrors: Error[] = []
  server.on('error', (error) => connectionErrors.push(error))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    connectionErrors,
    /** The recipients and subjects received, sorted, to compare as a whole. */
    received: () =>
      messages
        .map((m) => `${(Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? ''} | ${m.subject ?? ''}`)
        .sort(),
  }
}
