import nodemailer from 'nodemailer'

/** One plain-text e-mail to one person. */
export interface MailMessage {
  to: string
  subject: string
  text: string
}

/** Sends e-mail; `configured` is false where no SMTP server is set and nothing leaves. */
export interface Mailer {
  readonly configured: boolean
  send(message: MailMessage): Promise<void>
}

/**
 * The mailer over SMTP (nodemailer), from `RATUSZ_SMTP_URL`: a pooled connection, STARTTLS when the
 * server offers it on `smtp://`, TLS from the start on `smtps://`. Without a URL, a mailer that
 * refuses to send (callers check `configured` and keep the notification in the staff list only).
 */
export function smtpMailer(config: { smtpUrl: string | null; mailFrom: string }): Mailer & { close(): void } {
  if (!config.smtpUrl)
    return {
      configured: false,
      async send() {
        throw new Error('No SMTP server is configured (RATUSZ_SMTP_URL)')
      },
      close() {},
    }
  const transport = nodemailer.createTransport(config.smtpUrl, { from: config.mailFrom })
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({ from: config.mailFrom, ...message })
    },
    close() {
      transport.close()
    },
  }
}
