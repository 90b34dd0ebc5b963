import { Type } from 'typebox'
import type { SignaturesService } from '../../modules/signatures/index.js'
import type { Config } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { readFiles } from '../../platform/http/upload.js'
import { letterPdf } from '../../platform/pdf-table.js'
import { pageContextOf } from '../../web/page-context.js'
import { send } from '../staff/staff-page-helpers.js'
import { type VerifyKey, verifyTexts } from './verify.messages.js'
import { meaning, VerifyPage, VerifyReportPage } from './verify.page.js'

/** What the page says for a refusal it can explain; anything else goes to the error handler. */
const EXPLAINED = ['NOT_A_SIGNATURE', 'FILE_TOO_LARGE', 'VALIDATION_FAILED']

/** The public signature check: anyone uploads a signed file and reads the report, or takes it as PDF. */
export function verifyPageRoutes(config: Config, signatures: SignaturesService) {
  return async (app: AppInstance) => {
    app.get('/verify', { schema: { hide: true } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      return send(reply, VerifyPage({ ctx, csrf: reply.generateCsrf(), errors: [] }))
    })

    app.post(
      '/verify',
      {
        preHandler: app.csrfProtection,
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          hide: true,
          querystring: Type.Object({
            _csrf: Type.Optional(Type.String()),
            as: Type.Optional(Type.Literal('pdf')),
          }),
        },
      },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const t = verifyTexts(ctx.lang)
        try {
          const files = await readFiles(req, ['file', 'data'], 50 * 1024 * 1024)
          if (!files.file?.bytes.length)
            return send(
              reply,
              VerifyPage({
                ctx,
                csrf: reply.generateCsrf(),
                errors: [{ field: 'file', message: t('v.error.file') }],
              }),
              422,
            )
          const result = await signatures.validate(files.file.bytes, files.data?.bytes ?? null)
          if (req.query.as === 'pdf') {
            const pdf = await letterPdf({
              title: t('v.reportTitle'),
              lang: ctx.lang,
              paragraphs: [
                `${files.file.name ?? ''} · ${new Date().toISOString()}`,
                result.valid ? t('v.valid') : t('v.invalid'),
                ...result.signatures.flatMap((s, i) => [
                  `${t('v.signature', { n: i + 1 })}: ${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''}`,
                  ...meaning(ctx.lang, s),
                  `${t('v.signer')}: ${s.signer?.subject ?? t('v.none')}`,
                  `${t('v.issuer')}: ${s.signer?.issuer ?? t('v.none')}`,
                  `${t('v.time')}: ${s.signingTime ?? t('v.none')}`,
                  ...s.timestamps.map(
                    (ts) =>
                      `${t('v.stamps')}: ${ts.time ?? t('v.none')}, ${ts.tsa ?? ''}: ${t(`v.stamp.${ts.indication}`)}`,
                  ),
                  `${t('v.level')}: ${s.format} ${s.level ?? ''}`,
                  `${t('v.digest')}: ${s.signedDataDigest?.value ?? t('v.none')}`,
                ]),
              ],
            })
            return reply
              .type('application/pdf')
              .header('content-disposition', 'attachment; filename="signature-report.pdf"')
              .send(pdf)
          }
          return send(reply, VerifyReportPage({ ctx, csrf: reply.generateCsrf(), ...result }))
        } catch (error) {
          if (!(error instanceof AppError) || !EXPLAINED.includes(error.code)) throw error
          const key = `v.error.${error.code}` as VerifyKey
          const message = error.code === 'VALIDATION_FAILED' ? t('v.error.file') : t(key)
          return send(
            reply,
            VerifyPage({ ctx, csrf: reply.generateCsrf(), errors: [{ field: 'file', message }] }),
            error.status,
          )
        }
      },
    )
  }
}
