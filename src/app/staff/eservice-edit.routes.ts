import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import {
  type CatalogueService,
  cataloguePolicy,
  definitionProblems,
  EService,
  ServiceCard,
  type ServiceDto,
} from '../../modules/catalogue/index.js'
import { ANY_OFFICE, actorOf, isAllowed } from '../../modules/identity/index.js'
import type { Config } from '../../platform/config.js'
import { AppError, forbidden } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendDownload } from '../../platform/http/download.js'
import { IdParams } from '../../platform/http/schemas.js'
import { EServiceEditPage, EServicePreviewPage } from './eservice-edit.page.js'
import { editorTexts } from './eservice-editor.messages.js'
import {
  type EditProblem,
  moved,
  questionFromFields,
  removed,
  stepFromFields,
  withQuestion,
} from './form-editing.js'
import { FormBody, send, staffPageHelpers, staffRouteOptions } from './staff-page-helpers.js'

/** An import's JSON is larger than other form fields allow. */
const ImportBody = Type.Record(Type.String(), Type.String({ maxLength: 200_000 }))

type EServiceValue = NonNullable<ServiceDto['eService']>
type Fields = Record<string, string | undefined>

/** The card as editors write it: a DTO without what the catalogue adds (id, status, versions). */
function cardOf(dto: ServiceDto): ServiceCard {
  return Object.fromEntries(
    Object.keys(ServiceCard.properties)
      .filter((k) => (dto as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, (dto as Record<string, unknown>)[k]]),
  ) as ServiceCard
}

/**
 * The editors' page for a card's online form (`/staff/services/{id}/eservice`): each change (a
 * question added, moved or removed, the settings, an import) is saved as a new draft version of the
 * card through the catalogue, which checks the whole form; the card is published as usual.
 */
export function eserviceEditRoutes(config: Config, catalogue: CatalogueService) {
  const { staffContext } = staffPageHelpers(config)

  /** The card's latest version, for an editor (403 for anyone else, before anything is read). */
  const editable = async (req: FastifyRequest, id: string) => {
    if (!isAllowed(actorOf(req), cataloguePolicy.write, ANY_OFFICE)) throw forbidden()
    return latest(req, id)
  }

  const latest = async (req: FastifyRequest, id: string) => {
    const shown = await catalogue.getService(req.actor, id)
    return catalogue.getService(req.actor, id, shown.latestVersion)
  }

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    card: ServiceDto,
    extra: { values?: Fields; errors?: { field: string; message: string }[]; done?: boolean } = {},
  ) => {
    const s = staffContext(req, reply)
    const t = editorTexts(s.ctx.lang)
    return EServiceEditPage({
      s,
      card: { id: card.id, code: card.code, name: card.name[s.ctx.lang], version: card.version },
      eService: card.eService ?? null,
      values: (extra.values ?? {}) as Record<string, string>,
      errors: extra.errors ?? [],
      done: extra.done ? t('ee.saved') : null,
    })
  }

  /** Saves the card with this e-service as a new version; the catalogue's refusals shown on the page. */
  async function save(
    req: FastifyRequest,
    reply: FastifyReply,
    card: ServiceDto,
    next: EServiceValue | null,
    values: Fields,
  ) {
    const t = editorTexts(staffContext(req, reply).ctx.lang)
    try {
      const { eService: _, ...rest } = cardOf(card)
      await catalogue.updateService(
        actorOf(req),
        card.id,
        next ? { ...rest, eService: next } : rest,
        card.version,
      )
      return reply.redirect(`/staff/services/${card.id}/eservice?done=1`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 412, 422].includes(error.status)) throw error
      const errors = (error.errors ?? [{ path: 'json', message: error.detail ?? error.title }]).map((e) => ({
        field: 'json',
        message: t('ee.err.json', { detail: `${e.path.replace(/^body\.eService\./, '')}: ${e.message}` }),
      }))
      return send(reply, await page(req, reply, card, { values, errors }), 422)
    }
  }

  const refused = async (
    req: FastifyRequest,
    reply: FastifyReply,
    card: ServiceDto,
    values: Fields,
    problems: EditProblem[],
  ) => {
    const t = editorTexts(staffContext(req, reply).ctx.lang)
    const errors = problems.map((p) => ({ field: p.field, message: t(`ee.err.${p.problem}`) }))
    return send(reply, await page(req, reply, card, { values, errors }), 422)
  }

  return async (app: AppInstance) => {
    const onPage = { onRequest: app.staffPage }
    const { form } = staffRouteOptions(app)
    const base = '/staff/services/:id/eservice'

    app.get(
      base,
      {
        ...onPage,
        schema: {
          hide: true,
          params: IdParams,
          querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 5 })) }),
        },
      },
      async (req, reply) =>
        send(
          reply,
          await page(req, reply, await latest(req, req.params.id), { done: req.query.done === '1' }),
        ),
    )

    app.get(`${base}.json`, { ...onPage, schema: { hide: true, params: IdParams } }, async (req, reply) => {
      const card = await latest(req, req.params.id)
      return sendDownload(reply, {
        mediaType: 'application/json',
        fileName: `${card.code}-eservice.json`,
        body: JSON.stringify(card.eService ?? null, null, 2),
      })
    })

    app.get(
      `${base}/preview`,
      { ...onPage, schema: { hide: true, params: IdParams } },
      async (req, reply) => {
        const card = await latest(req, req.params.id)
        return send(
          reply,
          EServicePreviewPage({
            s: staffContext(req, reply),
            code: card.code,
            form: card.eService?.form ?? null,
          }),
        )
      },
    )

    app.post(
      `${base}/questions`,
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const f = req.body as Fields
        const card = await editable(req, req.params.id)
        const q = questionFromFields(f)
        if (!q.question) return refused(req, reply, card, f, q.problems)
        let newStep: ReturnType<typeof stepFromFields>['step']
        if (!f.step) {
          const made = stepFromFields({
            id: f['step-id'],
            'title-uk': f['step-title-uk'],
            'title-pl': f['step-title-pl'],
            'title-en': f['step-title-en'],
          })
          if (!made.step)
            return refused(
              req,
              reply,
              card,
              f,
              made.problems.map((p) => ({ ...p, field: p.field === 'id' ? 'step-id' : 'step-title-uk' })),
            )
          newStep = made.step
        }
        const next = withQuestion(card.eService?.form ?? null, f.step ?? '', q.question, newStep)
        if (!next.form) return refused(req, reply, card, f, next.problems)
        return save(
          req,
          reply,
          card,
          { signature: 'none', withoutAccount: false, ...card.eService, form: next.form },
          f,
        )
      },
    )

    app.post(
      `${base}/move`,
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const f = req.body as Fields
        const card = await editable(req, req.params.id)
        if (!card.eService) return reply.redirect(`/staff/services/${card.id}/eservice`, 303)
        return save(
          req,
          reply,
          card,
          { ...card.eService, form: moved(card.eService.form, f.item ?? '', f.by === '-1' ? -1 : 1) },
          {},
        )
      },
    )

    app.post(
      `${base}/remove`,
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const f = req.body as Fields
        const card = await editable(req, req.params.id)
        if (!card.eService) return reply.redirect(`/staff/services/${card.id}/eservice`, 303)
        const left = removed(card.eService.form, f.item ?? '')
        return save(req, reply, card, left ? { ...card.eService, form: left } : null, {})
      },
    )

    app.post(
      `${base}/settings`,
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const f = req.body as Fields
        const card = await editable(req, req.params.id)
        if (!card.eService) return reply.redirect(`/staff/services/${card.id}/eservice`, 303)
        const unit = (f.caseUnit ?? '').trim()
        const symbol = (f.caseSymbol ?? '').trim()
        if (Boolean(unit) !== Boolean(symbol))
          return refused(req, reply, card, f, [
            { field: unit ? 'caseSymbol' : 'caseUnit', problem: 'required' },
          ])
        const { case: _, ...rest } = card.eService
        return save(
          req,
          reply,
          card,
          {
            ...rest,
            signature: f.signature === 'required' ? 'required' : 'none',
            withoutAccount: f.withoutAccount === 'on',
            ...(unit ? { case: { unit, symbol } } : {}),
          },
          f,
        )
      },
    )

    app.post(
      `${base}/import`,
      { ...form, schema: { hide: true, params: IdParams, body: ImportBody } },
      async (req, reply) => {
        const f = req.body as Fields
        const card = await editable(req, req.params.id)
        const t = editorTexts(staffContext(req, reply).ctx.lang)
        let parsed: unknown
        try {
          parsed = JSON.parse(f.json ?? '')
        } catch (error) {
          return send(
            reply,
            await page(req, reply, card, {
              values: f,
              errors: [{ field: 'json', message: t('ee.err.json', { detail: (error as Error).message }) }],
            }),
            422,
          )
        }
        // A whole e-service, or a form alone (kept with this card's settings).
        const imported =
          (parsed as { format?: unknown })?.format === 1 ? { ...(card.eService ?? {}), form: parsed } : parsed
        if (!Value.Check(EService, imported)) {
          const first = [...Value.Errors(EService, imported)][0]
          return send(
            reply,
            await page(req, reply, card, {
              values: f,
              errors: [
                {
                  field: 'json',
                  message: t('ee.err.json', {
                    detail: `${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim(),
                  }),
                },
              ],
            }),
            422,
          )
        }
        const problems = definitionProblems((imported as EServiceValue).form)
        if (problems.length > 0)
          return send(
            reply,
            await page(req, reply, card, {
              values: f,
              errors: problems.map((p) => ({
                field: 'json',
                message: t('ee.err.json', { detail: `${p.path}: ${p.message}` }),
              })),
            }),
            422,
          )
        return save(req, reply, card, imported as EServiceValue, f)
      },
    )
  }
}
