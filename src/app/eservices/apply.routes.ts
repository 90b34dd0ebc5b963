import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { Question } from '../../modules/catalogue/index.js'
import {
  type ApplicationsService,
  type ProblemKind,
  questionsAsked,
  RESIDENT_COOKIE,
  type ResidentRow,
  type ResidentsService,
  stepsShown,
} from '../../modules/eservices/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { Config } from '../../platform/config.js'
import { AppError, type FieldError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendDownload, sendStoredFile } from '../../platform/http/download.js'
import { readFiles } from '../../platform/http/upload.js'
import { assertValid } from '../../platform/http/validate.js'
import type { PageContext } from '../../web/page-context.js'
import { pageContextOf } from '../../web/page-context.js'
import { send } from '../staff/staff-page-helpers.js'
import { applyTexts } from './apply.messages.js'
import {
  ApplyCheckPage,
  ApplySentPage,
  ApplyStartPage,
  ApplyStepPage,
  LinkSentPage,
  MyApplicationPage,
  MyPage,
  SignInPage,
  type StatusView,
  TrackPage,
  type VerificationView,
  VerifyReceiptPage,
} from './apply.page.js'

const CodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,63}$' }) })
const StepParams = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,63}$' }),
  step: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
})
const FormValue = Type.Union([
  Type.String({ maxLength: 20000 }),
  Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }),
])
const AnswersForm = Type.Record(Type.String({ maxLength: 60 }), FormValue)
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const SignInForm = Type.Object({ _csrf: text(200), email: text(300), next: text(400) })
const NEXT = /^\/[A-Za-z0-9/_?=&.-]{0,300}$/
/** A signed document for the check page's upload, and a receipt for the verification page. */
const SIGNED_MAX_BYTES = 10 * 1024 * 1024
const RECEIPT_MAX_BYTES = 256 * 1024

/**
 * The e-service pages, all working without JavaScript: signing in, applying step by step (one question
 * group per page, back and forward over a draft kept for the resident, a summary before sending,
 * errors next to their fields), the resident's page, following an application by number and code,
 * and verifying a receipt.
 */
export function applyPagesRoutes(
  config: Config,
  applications: ApplicationsService,
  residents: ResidentsService,
  offices: OfficesService,
  receipts: { verify: (bytes: Buffer) => Promise<VerificationView> },
  /** The identity provider's name on the sign-in button; null: residents sign in by e-mail links only. */
  provider: string | null,
  /** Bookings made with an e-mail address, still to come (the appointments'). */
  upcomingBookings: (
    email: string,
  ) => Promise<{ id: string; start: string; officeId: string; code: string }[]>,
) {
  const residentOf = (req: FastifyRequest) => residents.residentOf(req.cookies[RESIDENT_COOKIE])

  /** A problem with an answer in the page's language, naming the question. */
  function messageFor(ctx: PageContext, q: Question | undefined, kind: ProblemKind | string | undefined) {
    const t = applyTexts(ctx.lang)
    const label = q?.label[ctx.lang] ?? ''
    switch (kind) {
      case 'required':
      case 'confirm':
      case 'maxLength':
      case 'minimum':
      case 'maximum':
      case 'fileSize':
        return t(`err.${kind}`, { label })
      case 'fileType':
        return t('err.fileType', { label, types: (q?.file?.types ?? []).join(', ') })
      default: {
        const known = ['number', 'date', 'email', 'phone', 'pesel', 'rnokpp', 'iban', 'choice']
        const format = t(`format.${known.includes(q?.type ?? '') ? q?.type : 'other'}` as 'format.other')
        return t('err.format', { label, format })
      }
    }
  }

  function localised(ctx: PageContext, questions: readonly Question[], errors: readonly FieldError[]) {
    return errors.map((e) => {
      const id = e.path.replace(/^(body\.)?answers\./, '')
      const q = questions.find((x) => x.id === id)
      // Every answer's problem carries its rule (the form's check, a refused file): said from it.
      return { field: id, message: messageFor(ctx, q, e.keyword) }
    })
  }

  async function statusView(
    ctx: PageContext,
    a: Awaited<ReturnType<ApplicationsService['mine']>>['items'][number],
  ): Promise<StatusView> {
    const card = await applications.eService(a.service.code).catch(() => null)
    return { ...a, service: { code: a.service.code, name: card?.card.name[ctx.lang] ?? a.service.code } }
  }

  async function signInPage(
    req: FastifyRequest,
    reply: FastifyReply,
    next: string,
    emailAllowed = true,
    title?: string,
  ) {
    const ctx = pageContextOf(req, reply, config.defaultLanguage)
    const t = applyTexts(ctx.lang)
    return send(
      reply,
      SignInPage({
        ctx,
        csrf: reply.generateCsrf(),
        title: title ?? t('apply.signIn'),
        next,
        emailAllowed,
        provider,
      }),
    )
  }

  /** The resident for an apply page, or the sign-in page (the form's card decides which sign-ins do). */
  async function applicant(req: FastifyRequest, reply: FastifyReply, code: string) {
    const es = await applications.eService(code)
    const resident = await residentOf(req)
    const allowed = resident && (es.eService.withoutAccount || resident.provider === 'oidc')
    if (!allowed) {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      await signInPage(
        req,
        reply,
        `/services/${code}/apply`,
        es.eService.withoutAccount ?? false,
        applyTexts(ctx.lang)('apply.title', { service: es.card.name[ctx.lang] }),
      )
      return null
    }
    return { resident, ...es }
  }

  /** The resident's bookings to come (made with their confirmed address), with their office's name and time. */
  async function bookingsOf(resident: ResidentRow, ctx: PageContext) {
    if (!resident.email) return []
    const found = await upcomingBookings(resident.email)
    return Promise.all(
      found.map(async (b) => {
        const office = await offices.officeById(b.officeId)
        const at = new Intl.DateTimeFormat(ctx.lang, {
          dateStyle: 'full',
          timeStyle: 'short',
          timeZone: office?.timezone ?? 'UTC',
        }).format(new Date(b.start))
        return { id: b.id, code: b.code, at, office: office?.name[ctx.lang] ?? '' }
      }),
    )
  }

  /** The steps the resident goes through with these answers, with each one's questions asked. */
  function route(
    form: NonNullable<Awaited<ReturnType<ApplicationsService['eService']>>['eService']>['form'],
    answers: Record<string, unknown>,
    lang: PageContext['lang'],
  ) {
    const asked = new Set(questionsAsked(form, answers as never).map((q) => q.id))
    return stepsShown(form, answers as never).map((st) => ({
      id: st.id,
      title: st.title[lang],
      questions: st.questions.filter((q) => asked.has(q.id)),
    }))
  }

  /** A step's form: its fields, and its files stored as they stream in (their refusals kept as errors). */
  async function readStep(req: FastifyRequest, code: string) {
    const fields: Record<string, string | string[]> = {}
    const files: Awaited<ReturnType<ApplicationsService['storeFile']>>[] = []
    const errors: FieldError[] = []
    if (!req.isMultipart()) return { fields: assertValid(AnswersForm, req.body ?? {}), files, errors }
    for await (const part of req.parts({ limits: { files: 10 } })) {
      if (part.type === 'file') {
        if (!part.filename) {
          part.file.resume()
          continue
        }
        try {
          files.push(
            await applications.storeFile(code, {
              question: part.fieldname,
              name: part.filename,
              mediaType: part.mimetype,
              content: part.file,
            }),
          )
        } catch (error) {
          part.file.resume()
          if (!(error instanceof AppError) || error.status >= 500) throw error
          errors.push({
            path: `answers.${part.fieldname}`,
            message: error.detail ?? error.title,
            keyword: error.status === 413 ? 'fileSize' : 'fileType',
          })
        }
      } else if (typeof part.value === 'string' && part.fieldname !== '_csrf') {
        const before = fields[part.fieldname]
        fields[part.fieldname] =
          before === undefined ? part.value : [...(Array.isArray(before) ? before : [before]), part.value]
      }
    }
    return { fields, files, errors }
  }

  return async (app: AppInstance) => {
    const write = { preHandler: app.csrfProtection }

    /** The start: where to apply (the card's offices); `refused`: none was chosen of them. */
    const startPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      who: NonNullable<Awaited<ReturnType<typeof applicant>>>,
      officeId: string | null,
      refused: boolean,
    ) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const places = await Promise.all((who.card.offices ?? []).map((o) => offices.officeById(o.officeId)))
      return send(
        reply,
        ApplyStartPage({
          ctx,
          csrf: reply.generateCsrf(),
          code: who.card.code,
          service: who.card.name[ctx.lang],
          offices: places.flatMap((o) => (o ? [{ id: o.id, name: o.name[ctx.lang] }] : [])),
          officeId,
          errors: refused ? [{ field: 'officeId', message: applyTexts(ctx.lang)('apply.office') }] : [],
        }),
        refused ? 422 : 200,
      )
    }

    app.get('/services/:code/apply', { schema: { hide: true, params: CodeParams } }, async (req, reply) => {
      const who = await applicant(req, reply, req.params.code)
      if (!who) return reply
      const draft = await applications.draft(who.resident, req.params.code)
      return startPage(req, reply, who, draft.officeId, false)
    })

    app.post(
      '/services/:code/apply',
      {
        ...write,
        schema: {
          hide: true,
          params: CodeParams,
          body: Type.Object({ _csrf: text(200), officeId: text(40) }),
        },
      },
      async (req, reply) => {
        const who = await applicant(req, reply, req.params.code)
        if (!who) return reply
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        try {
          await applications.startDraft(who.resident, req.params.code, req.body.officeId ?? '')
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 422) throw error
          return startPage(req, reply, who, null, true)
        }
        const draft = await applications.draft(who.resident, req.params.code)
        const first = route(who.eService.form, draft.answers, ctx.lang)[0]
        return reply.redirect(`/services/${req.params.code}/apply/step/${first?.id}`, 303)
      },
    )

    const stepPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      who: NonNullable<Awaited<ReturnType<typeof applicant>>>,
      stepId: string,
      state: { answers: Record<string, unknown>; files: { question: string; name: string }[] },
      errors: { field: string; message: string }[],
    ) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const code = who.card.code
      const steps = route(who.eService.form, state.answers, ctx.lang)
      const at = steps.findIndex((st) => st.id === stepId)
      if (at < 0) return reply.redirect(`/services/${code}/apply`, 303)
      return send(
        reply,
        ApplyStepPage({
          ctx,
          csrf: reply.generateCsrf(),
          code,
          service: who.card.name[ctx.lang],
          step: steps[at] as (typeof steps)[number],
          n: at + 1,
          of: steps.length,
          back: at === 0 ? `/services/${code}/apply` : `/services/${code}/apply/step/${steps[at - 1]?.id}`,
          answers: state.answers,
          files: state.files,
          errors,
        }),
        errors.length ? 422 : 200,
      )
    }

    app.get(
      '/services/:code/apply/step/:step',
      { schema: { hide: true, params: StepParams } },
      async (req, reply) => {
        const who = await applicant(req, reply, req.params.code)
        if (!who) return reply
        const draft = await applications.draft(who.resident, req.params.code)
        if (!draft.officeId) return reply.redirect(`/services/${req.params.code}/apply`, 303)
        return stepPage(req, reply, who, req.params.step, draft, [])
      },
    )

    app.post(
      '/services/:code/apply/step/:step',
      // The body is a urlencoded form or a multipart one (a step with a file): checked in readStep.
      { ...write, schema: { hide: true, params: StepParams } },
      async (req, reply) => {
        const who = await applicant(req, reply, req.params.code)
        if (!who) return reply
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const form = await readStep(req, req.params.code)
        const { _csrf: _, ...answers } = form.fields
        const saved = await applications.saveStep(who.resident, req.params.code, req.params.step, {
          answers,
          files: form.files,
        })
        const refused = new Set(form.errors.map((e) => e.path))
        const problems = [...form.errors, ...saved.problems.filter((p) => !refused.has(p.path))]
        if (problems.length > 0) {
          const questions = who.eService.form.steps.flatMap((st) => st.questions)
          return stepPage(req, reply, who, req.params.step, saved, localised(ctx, questions, problems))
        }
        const steps = route(who.eService.form, saved.answers, ctx.lang)
        const next = steps[steps.findIndex((st) => st.id === req.params.step) + 1]
        return reply.redirect(
          next
            ? `/services/${req.params.code}/apply/step/${next.id}`
            : `/services/${req.params.code}/apply/check`,
          303,
        )
      },
    )

    const checkPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      who: NonNullable<Awaited<ReturnType<typeof applicant>>>,
      errors: { field: string; message: string }[],
    ) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const code = who.card.code
      const draft = await applications.draft(who.resident, code)
      const steps = route(who.eService.form, draft.answers, ctx.lang)
      return send(
        reply,
        ApplyCheckPage({
          ctx,
          csrf: reply.generateCsrf(),
          code,
          service: who.card.name[ctx.lang],
          steps,
          answers: draft.answers,
          files: draft.files,
          signature: who.eService.signature === 'required',
          back: `/services/${code}/apply/step/${steps.at(-1)?.id}`,
          errors,
        }),
        errors.length ? 422 : 200,
      )
    }

    app.get(
      '/services/:code/apply/check',
      { schema: { hide: true, params: CodeParams } },
      async (req, reply) => {
        const who = await applicant(req, reply, req.params.code)
        if (!who) return reply
        return checkPage(req, reply, who, [])
      },
    )

    app.get(
      '/services/:code/apply/document.xml',
      { schema: { hide: true, params: CodeParams } },
      async (req, reply) => {
        const who = await applicant(req, reply, req.params.code)
        if (!who) return reply
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const document = await applications.document(
          who.resident,
          await applications.fromDraft(who.resident, req.params.code, ctx.lang),
        )
        return sendDownload(reply, {
          mediaType: 'application/xml',
          fileName: 'application.xml',
          body: document,
        })
      },
    )

    app.post(
      '/services/:code/apply/send',
      // A urlencoded form (its token only), or multipart with the signed document: read below.
      { ...write, schema: { hide: true, params: CodeParams } },
      async (req, reply) => {
        const who = await applicant(req, reply, req.params.code)
        if (!who) return reply
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const t = applyTexts(ctx.lang)
        const chosen = await fileOf(req, 'signedDocument', SIGNED_MAX_BYTES)
        if (chosen === 'too-large')
          return checkPage(req, reply, who, [
            { field: 'signedDocument', message: t('err.signature', { detail: '> 10 MB' }) },
          ])
        const signed = chosen ?? undefined
        try {
          const made = await applications.submit(
            who.resident,
            await applications.fromDraft(who.resident, req.params.code, ctx.lang, signed),
          )
          await applications.dropDraft(who.resident, req.params.code)
          const a = await applications.status(who.resident, made.id)
          return send(
            reply,
            ApplySentPage({ ctx, a: await statusView(ctx, a), trackingCode: made.trackingCode }),
          )
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 422) throw error
          const questions = who.eService.form.steps.flatMap((st) => st.questions)
          const errors = error.code.startsWith('SIGNATURE')
            ? [
                {
                  field: 'signedDocument',
                  message: t('err.signature', { detail: error.detail ?? error.title }),
                },
              ]
            : localised(
                ctx,
                questions,
                (error.errors ?? []).filter((e) => e.path.startsWith('body.answers.')),
              )
          return checkPage(
            req,
            reply,
            who,
            errors.length ? errors : [{ field: 'signedDocument', message: error.detail ?? error.title }],
          )
        }
      },
    )

    app.get('/my', { schema: { hide: true } }, async (req, reply) => {
      const resident = await residentOf(req)
      if (!resident) return signInPage(req, reply, '/my')
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const mine = await applications.mine(resident)
      return send(
        reply,
        MyPage({
          ctx,
          csrf: reply.generateCsrf(),
          who: who(resident),
          items: await Promise.all(mine.items.map((a) => statusView(ctx, a))),
          letters: (await applications.letters(resident)).items,
          bookings: await bookingsOf(resident, ctx),
        }),
      )
    })

    app.get(
      '/my/letters/:id',
      { schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
      async (req, reply) => {
        const resident = await residentOf(req)
        if (!resident) return signInPage(req, reply, '/my')
        return sendStoredFile(reply, await applications.openLetter(resident, req.params.id))
      },
    )

    app.post(
      '/my/sign-in-link',
      {
        ...write,
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { hide: true, body: SignInForm },
      },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const email = (req.body.email ?? '').trim()
        const next = NEXT.test(req.body.next ?? '') ? (req.body.next as string) : '/my'
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 200) {
          const t = applyTexts(ctx.lang)
          return send(
            reply,
            SignInPage({
              ctx,
              csrf: reply.generateCsrf(),
              title: t('apply.signIn'),
              next,
              emailAllowed: true,
              provider,
              email,
              errors: [{ field: 'email', message: t('format.email') }],
            }),
            422,
          )
        }
        await residents.sendLink({ email, next, language: ctx.lang })
        return send(reply, LinkSentPage({ ctx, email }))
      },
    )

    app.get(
      '/my/applications/:id',
      {
        schema: {
          hide: true,
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({ answered: text(100) }),
        },
      },
      async (req, reply) => {
        const resident = await residentOf(req)
        if (!resident) return signInPage(req, reply, `/my/applications/${req.params.id}`)
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const a = await applications.status(resident, req.params.id)
        const answered =
          req.query.answered && /^[\w/.-]{1,100}$/.test(req.query.answered) ? req.query.answered : null
        return send(
          reply,
          MyApplicationPage({
            ctx,
            csrf: reply.generateCsrf(),
            a: await statusView(ctx, a),
            answered,
            errors: [],
          }),
        )
      },
    )

    app.post(
      '/my/applications/:id/answer',
      { ...write, schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
      async (req, reply) => {
        const resident = await residentOf(req)
        if (!resident) return signInPage(req, reply, `/my/applications/${req.params.id}`)
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const t = applyTexts(ctx.lang)
        let text = ''
        const files: Awaited<ReturnType<ApplicationsService['storeAttachment']>>[] = []
        const refuse = async (message: string) => {
          const a = await applications.status(resident, req.params.id)
          return send(
            reply,
            MyApplicationPage({
              ctx,
              csrf: reply.generateCsrf(),
              a: await statusView(ctx, a),
              answered: null,
              errors: [{ field: 'text', message }],
            }),
            422,
          )
        }
        if (req.isMultipart())
          for await (const part of req.parts({ limits: { files: 1 } })) {
            if (part.type === 'file') {
              if (!part.filename) {
                part.file.resume()
                continue
              }
              try {
                files.push(
                  await applications.storeAttachment(
                    { name: part.filename, mediaType: part.mimetype, content: part.file },
                    'file',
                  ),
                )
              } catch (error) {
                part.file.resume()
                if (error instanceof AppError && error.status < 500)
                  return refuse(error.detail ?? error.title)
                throw error
              }
            } else if (part.fieldname === 'text' && typeof part.value === 'string') text = part.value.trim()
          }
        if (!text || text.length > 20000) return refuse(t('answer.text'))
        const made = await applications.answer(resident, req.params.id, { text, files })
        return reply.redirect(
          `/my/applications/${req.params.id}?answered=${encodeURIComponent(made.number)}`,
          303,
        )
      },
    )

    app.get(
      '/applications/track',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: { hide: true, querystring: Type.Object({ number: text(100), code: text(40) }) },
      },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const number = (req.query.number ?? '').trim()
        const code = (req.query.code ?? '').trim().toUpperCase()
        if (!number && !code) return send(reply, TrackPage({ ctx, number, code, a: null, notFound: false }))
        const a = await applications.track(number, code).catch((error: unknown) => {
          if (error instanceof AppError && error.status === 404) return null
          throw error
        })
        return send(
          reply,
          TrackPage({ ctx, number, code, a: a ? await statusView(ctx, a) : null, notFound: !a }),
          a ? 200 : 404,
        )
      },
    )

    app.get(
      '/receipts/:id/check',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          hide: true,
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({ h: Type.String({ pattern: '^[0-9a-f]{16,64}$' }) }),
        },
      },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const stored = await applications.storedReceipt(req.params.id, req.query.h)
        const result = await receipts.verify(stored)
        return send(reply, VerifyReceiptPage({ ctx, csrf: reply.generateCsrf(), result, errors: [] }))
      },
    )

    app.get('/receipts/verify', { schema: { hide: true } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      return send(reply, VerifyReceiptPage({ ctx, csrf: reply.generateCsrf(), result: null, errors: [] }))
    })

    app.post(
      '/receipts/verify',
      { ...write, config: { rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { hide: true } },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const t = applyTexts(ctx.lang)
        const chosen = await fileOf(req, 'file', RECEIPT_MAX_BYTES)
        const file = chosen === 'too-large' ? null : chosen
        const refuse = (message: string) =>
          send(
            reply,
            VerifyReceiptPage({
              ctx,
              csrf: reply.generateCsrf(),
              result: null,
              errors: [{ field: 'file', message }],
            }),
            422,
          )
        if (!file) return refuse(t('verify.file'))
        try {
          const result = await receipts.verify(file)
          return send(reply, VerifyReceiptPage({ ctx, csrf: reply.generateCsrf(), result, errors: [] }))
        } catch (error) {
          if (error instanceof AppError && error.status === 422) return refuse(error.detail ?? error.title)
          throw error
        }
      },
    )
  }
}

/** The one file of a page's multipart form, in memory: null when none was chosen, `too-large` past the limit. */
async function fileOf(
  req: FastifyRequest,
  name: string,
  maxBytes: number,
): Promise<Buffer | null | 'too-large'> {
  if (!req.isMultipart()) return null
  try {
    const bytes = (await readFiles(req, [name], maxBytes))[name]?.bytes
    return bytes && bytes.length > 0 ? bytes : null
  } catch (error) {
    if (error instanceof AppError && error.status === 413) return 'too-large'
    throw error
  }
}

/** How the resident's page names who is signed in. */
function who(r: ResidentRow): string {
  return [r.name, r.email, r.identifier ? `${r.identifierKind} ${r.identifier}` : null]
    .filter(Boolean)
    .join(' · ')
}
