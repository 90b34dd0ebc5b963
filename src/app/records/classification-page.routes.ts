import { Type } from 'typebox'
import { type ClassificationService, classificationRules } from '../../modules/cases/index.js'
import { actorOf, allow } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { AppError, forbidden } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id } from '../../platform/http/schemas.js'
import { formErrors } from '../../web/forms.js'
import { pageContextOf } from '../../web/page-context.js'
import { FormBody, send, staffPageHelpers, staffRouteOptions } from '../staff/staff-page-helpers.js'
import { ClassificationPage } from './classification.page.js'
import { recordsTexts } from './records.messages.js'

const PageQuery = Type.Object({ office: Type.Optional(Id), done: Type.Optional(Type.Literal('adopted')) })
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The classification's administration page: its versions, and a new one previewed, then adopted. */
export function classificationPageRoutes(
  config: Config,
  clock: Clock,
  classification: ClassificationService,
  offices: OfficesService,
) {
  const { staffContext } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)

    async function render(
      req: Parameters<typeof pageContextOf>[0],
      reply: Parameters<typeof pageContextOf>[1],
      officeId: string | undefined,
      state: {
        preview: Parameters<typeof ClassificationPage>[0]['preview']
        csv: string
        adoptedOn: string
        done: string | null
        errors: { field: string; message: string }[]
      },
    ) {
      const s = staffContext(req, reply)
      const actor = actorOf(req)
      const mine = (await offices.listOffices(actor)).filter((o) =>
        allow(actor, classificationRules.adopt, { officeId: o.id }),
      )
      const office = mine.find((o) => o.id === officeId) ?? mine[0]
      if (!office) throw forbidden('Your roles adopt no office’s classification.')
      return ClassificationPage({
        s,
        t: recordsTexts(s.ctx.lang),
        office: { id: office.id, name: office.name[s.ctx.lang] },
        offices: mine.map((o) => ({ id: o.id, name: o.name[s.ctx.lang] })),
        versions: await classification.list(actor, office.id),
        ...state,
        adoptedOn: state.adoptedOn || clock.now().toISOString().slice(0, 10),
      })
    }

    app.get(
      '/staff/classification',
      { ...page, schema: { hide: true, querystring: PageQuery } },
      async (req, reply) => {
        const t = recordsTexts(pageContextOf(req, reply, config.defaultLanguage).lang)
        return send(
          reply,
          await render(req, reply, req.query.office, {
            preview: null,
            csv: '',
            adoptedOn: '',
            done: req.query.done ? t('done.adopted') : null,
            errors: [],
          }),
        )
      },
    )

    app.post(
      '/staff/classification/:officeId',
      { ...form, schema: { hide: true, params: Type.Object({ officeId: Id }), body: FormBody } },
      async (req, reply) => {
        const { officeId } = req.params
        const csv = req.body.csv ?? ''
        const adoptedOn = req.body.adoptedOn ?? ''
        const dryRun = req.body.intent !== 'adopt'
        const again = (errors: { field: string; message: string }[], status: number, preview = null) =>
          render(req, reply, officeId, { preview, csv, adoptedOn, done: null, errors }).then((html) =>
            send(reply, html, status),
          )
        if (!DATE.test(adoptedOn)) return again([{ field: 'adoptedOn', message: 'YYYY-MM-DD' }], 422)
        try {
          const result = await classification.importClassification(
            actorOf(req),
            officeId,
            csv,
            adoptedOn,
            dryRun,
          )
          if (!dryRun) return reply.redirect(`/staff/classification?office=${officeId}&done=adopted`, 303)
          return send(
            reply,
            await render(req, reply, officeId, {
              preview: result.changes,
              csv,
              adoptedOn,
              done: null,
              errors: [],
            }),
          )
        } catch (error) {
          if (error instanceof AppError && (error.status === 422 || error.status === 409))
            return again(
              error.errors
                ? formErrors(error.errors)
                : [{ field: 'adoptedOn', message: error.detail ?? error.title }],
              error.status,
            )
          throw error
        }
      },
    )
  }
}
