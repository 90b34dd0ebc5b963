import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Config } from '../../src/platform/config.js'
import type { DialectName } from '../../src/platform/db/index.js'
import { publishCard } from './cards.js'
import { cookieSession } from './cookie-session.js'
import { demoSeals } from './demo-seals.js'
import { demoBearers, demoOffices, unique } from './factories.js'
import { files } from './multipart-files.js'
import { loopbackSmtp } from './smtp.js'
import { type TestApp, testApp } from './test-app.js'

export const t = (text: string) => ({ uk: text, pl: text, en: text })

/** A form as the demo's request for public information has it: a text, a choice, a condition, a file, a declaration. */
export const REQUEST_FORM = {
  format: 1,
  steps: [
    {
      id: 'request',
      title: t('Your request'),
      questions: [
        { id: 'subject', type: 'long-text', label: t('What information do you ask for?'), maxLength: 2000 },
        {
          id: 'how',
          type: 'choice',
          label: t('How should we answer?'),
          choices: [
            { value: 'email', label: t('By e-mail') },
            { value: 'post', label: t('By post') },
          ],
        },
        {
          id: 'address',
          type: 'address',
          label: t('Postal address'),
          showIf: { question: 'how', in: ['post'] },
        },
        {
          id: 'scan',
          type: 'file',
          label: t('A document, if you have one'),
          required: false,
          file: { types: ['pdf', 'png'], maxBytes: 100_000 },
        },
      ],
    },
    {
      id: 'confirm',
      title: t('Declaration'),
      questions: [{ id: 'truth', type: 'declaration', label: t('I declare the above is true') }],
    },
  ],
}

/**
 * An app with the demo network (and, when asked, the demo catalogue with its three e-services), demo
 * seals for its offices with their CA trusted, and a loopback SMTP server taking the mail.
 */
export async function eservicesWorld(
  dialect: DialectName,
  options: { demoCatalogue?: boolean; config?: Partial<Config> } = {},
) {
  const smtp = await loopbackSmtp()
  const config = {
    dataDir: mkdtempSync(join(tmpdir(), 'ratusz-eservices-')),
    smtpUrl: smtp.url,
    ...options.config,
  }
  const app = await testApp(dialect, { demo: true, demoCatalogue: options.demoCatalogue ?? false, config })
  const bearers = await demoBearers(app)
  const offices = await demoOffices(app)
  await demoSeals(app, config)
  const crt = await app.inject({ url: '/api/v1/seals/demo-ca.crt' })
  const anchor = files({ file: { name: 'demo-ca.crt', content: crt.rawPayload } })
  const trusted = await app.inject({
    method: 'POST',
    url: '/api/v1/trust/anchors',
    payload: anchor.payload,
    headers: { ...bearers.admin, ...anchor.headers },
  })
  expect(trusted.statusCode, trusted.body).toBe(201)
  return { app, smtp, bearers, offices }
}

/** The e-services world with one published e-service card in Lublin (a case in unit OR, class 016). */
export async function eserviceApp(
  dialect: DialectName,
  card: { code?: string; signature?: 'none' | 'required'; withoutAccount?: boolean } = {},
) {
  const { app, smtp, bearers, offices } = await eservicesWorld(dialect)
  const code = card.code ?? `E-REQUEST-${unique()}`
  const serviceId = await publishCard(app, bearers.editor, {
    code,
    name: t('Request for public information'),
    description: t('Ask the office for public information.'),
    processingTime: 'P14D',
    offices: [{ officeId: offices['LUB-BOM']!.id }],
    eService: {
      form: REQUEST_FORM,
      signature: card.signature ?? 'none',
      withoutAccount: card.withoutAccount ?? true,
      case: { unit: 'OR', symbol: '016' },
    },
  })
  return { app, smtp, bearers, offices, code, serviceId, lublin: offices['LUB-BOM']!.id }
}

/** A resident signed in by the link e-mailed to them (read from the loopback SMTP server); with their CSRF token. */
export async function residentByEmail(
  app: TestApp,
  smtp: Awaited<ReturnType<typeof loopbackSmtp>>,
  email: string,
) {
  const session = cookieSession(app)
  const asked = await session.api('POST', '/api/v1/residents/sign-in-links', {
    email,
    next: '/my',
    language: 'pl',
  })
  expect(asked.statusCode, asked.body).toBe(202)
  await app.jobs.runDue()
  const mail = smtp.messages.findLast((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text === email)
  const link = /https?:\/\/[^\s]+\/my\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')
  expect(link, mail?.text).not.toBeNull()
  const opened = await session.get(`/my/sign-in?token=${link![1]}`)
  expect(opened.statusCode, opened.body).toBe(303)
  const me = await session.api('GET', '/api/v1/residents/me')
  expect(me.statusCode, me.body).toBe(200)
  const csrf = me.json<{ csrfToken: string }>().csrfToken
  return {
    session,
    token: link![1]!,
    send: (url: string, payload: object, headers: Record<string, string> = {}) =>
      session.api('POST', url, payload, { 'x-csrf-token': csrf, ...headers }),
  }
}
