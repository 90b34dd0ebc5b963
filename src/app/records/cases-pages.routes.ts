import { Type } from 'typebox'
import {
  CASE_STATUSES,
  CASE_TRANSITIONS,
  type CaseAction,
  type CaseDto,
  type CasesService,
  caseRules,
  DelayNoticeBody,
  EditTermBody,
  NewDocumentBody,
} from '../../modules/cases/index.js'
import { STATUTORY_TERM_CODES, STATUTORY_TERMS } from '../../modules/deadlines/index.js'
import { type Actor, actorOf, allow, type UsersService } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import {
  AssignBody,
  type IncomingDto,
  type RegistryService,
  registryRules,
} from '../../modules/registry/index.js'
import type { Config } from '../../platform/config.js'
import { forbidden, invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendPrinted, sendStoredFile } from '../../platform/http/download.js'
import { Id, IdParams } from '../../platform/http/schemas.js'
import { shownOnForm, type Upload, withUpload } from '../../platform/http/upload.js'
import { assertValid } from '../../platform/http/validate.js'
import { pageContextOf } from '../../web/page-context.js'
import { CaseDeadlineForms } from '../deadlines/case-deadline-forms.js'
import { dueTexts } from '../deadlines/deadlines.messages.js'
import { FormBody, send, staffPageHelpers, staffRouteOptions } from '../staff/staff-page-helpers.js'
import { CASE_VIEWS, CasePage, CasesInTrayPage } from './cases.page.js'
import { CaseRegisterForm, LettersToAssign } from './head-views.page.js'
import { type RecordsKey, recordsTexts } from './records.messages.js'

const InTrayQuery = Type.Object({
  office: Type.Optional(Id),
  view: Type.Optional(Type.Enum(CASE_VIEWS)),
  done: Type.Optional(Type.Literal('assigned')),
  status: Type.Optional(Type.Union([Type.Enum(CASE_STATUSES), Type.Literal('')])),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
})
const CASE_FILE_DONE = ['document', 'version', 'linked', 'sealed'] as const
const DEADLINE_DONE = ['term', 'notice', 'notice-dispatched'] as const
const TermForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  statutoryTerm: Type.Optional(Type.String({ maxLength: 40 })),
  termAmount: Type.Optional(Type.String({ maxLength: 6 })),
  termUnit: Type.Optional(Type.String({ maxLength: 1 })),
  termReason: Type.Optional(Type.String({ maxLength: 600 })),
})
const NoticeForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String({ maxLength: 2100 })),
  newDueOn: Type.Optional(Type.String({ maxLength: 20 })),
})
const NoticeParams = Type.Object({ id: Id, noticeId: Id })
const CaseQuery = Type.Object({
  done: Type.Optional(Type.Enum([...Object.keys(CASE_TRANSITIONS), ...CASE_FILE_DONE, ...DEADLINE_DONE])),
})
const DocumentParams = Type.Object({ id: Id, documentId: Id })
const VersionParams = Type.Object({
  id: Id,
  documentId: Id,
  version: Type.Integer({ minimum: 1, maximum: 100_000 }),
})
const StepParams = Type.Object({ id: Id, step: Type.Enum(Object.keys(CASE_TRANSITIONS)) })

/** The case officers' and heads' pages: the in-tray and the case page with its next steps. */
export function casesPagesRoutes(
  config: Config,
  services: { cases: CasesService; offices: OfficesService; users: UsersService; registry: RegistryService },
) {
  const { staffContext, formAction } = staffPageHelpers(config)
  const { cases, offices, users, registry } = services

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)
    const textsOf = (req: Parameters<typeof pageContextOf>[0], reply: Parameters<typeof pageContextOf>[1]) =>
      recordsTexts(pageContextOf(req, reply, config.defaultLanguage).lang)

    /** The offices where the actor handles cases. */
    const caseOffices = async (actor: Actor) =>
      (await offices.listOffices(actor)).filter((o) =>
        actor.grants.some(
          (g) =>
            ['admin', 'officer', 'head'].includes(g.role) && (g.officeId === null || g.officeId === o.id),
        ),
      )

    /** Names of the people a page mentions (assignees), from the office's unit staff. */
    const peopleOf = async (list: CaseDto[]) => {
      const people = new Map<string, string>()
      for (const key of new Set(list.map((c) => `${c.officeId} ${c.unitId}`))) {
        const [officeId, unitId] = key.split(' ') as [string, string]
        for (const u of await users.unitStaff(officeId, unitId)) people.set(u.id, u.name)
      }
      return people
    }

    app.get(
      '/staff/cases',
      { ...page, schema: { hide: true, querystring: InTrayQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const actor = actorOf(req)
        const mine = await caseOffices(actor)
        const office = mine.find((o) => o.id === req.query.office) ?? mine[0]
        if (!office) throw forbidden('Your roles handle no cases.')
        const view = req.query.view ?? 'mine'
        const t = textsOf(req, reply)
        // A head (or an admin) of this office gets the head's views too.
        const heads = actor.grants.some(
          (g) => ['admin', 'head'].includes(g.role) && (g.officeId === null || g.officeId === office.id),
        )
        const views = CASE_VIEWS.filter((v) => heads || (v !== 'letters' && v !== 'register'))
        if (!views.includes(view)) throw forbidden('Only a head of a unit hands out letters.')
        const headViews =
          view === 'letters'
            ? await lettersToAssign(req, reply, actor, office.id)
            : view === 'register'
              ? CaseRegisterForm({
                  t,
                  officeId: office.id,
                  units: (await offices.listUnits(actor, office.id))
                    .filter((u) => allow(actor, caseRules.head, { officeId: office.id, unitId: u.id }))
                    .map((u) => ({ id: u.id, label: `${u.code} — ${u.name[s.ctx.lang]}` })),
                  year: Number(new Date().toISOString().slice(0, 4)),
                })
              : null
        const list = headViews
          ? { items: [], nextCursor: null }
          : await cases.inTray(actor, {
              officeId: office.id,
              ...(view === 'mine' ? { assignedTo: 'me' as const } : {}),
              ...(view === 'approval' ? { awaitingMyApproval: true } : {}),
              ...(req.query.status && view !== 'approval' ? { status: req.query.status } : {}),
              ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
              limit: 50,
            })
        return send(
          reply,
          CasesInTrayPage({
            s,
            t,
            office: { id: office.id, name: office.name[s.ctx.lang] },
            view,
            views,
            status: req.query.status || '',
            headViews,
            done: req.query.done === 'assigned' ? t('done.assigned') : null,
            cases: list.items,
            nextCursor: list.nextCursor,
            people: await peopleOf(list.items),
          }),
        )
      },
    )

    /** The letters given to the head's units that nobody handles yet, with each unit's staff. */
    async function lettersToAssign(
      req: Parameters<typeof pageContextOf>[0],
      reply: Parameters<typeof pageContextOf>[1],
      actor: Actor,
      officeId: string,
    ) {
      const given = await registry.list(actor, officeId, 'incoming', { status: 'assigned', limit: 200 })
      const letters = (given.items as IncomingDto[]).filter(
        (l) =>
          l.unitId && !l.assigneeId && allow(actor, registryRules.assign, { officeId, unitId: l.unitId }),
      )
      const staff = new Map<string, { id: string; name: string }[]>()
      for (const unitId of new Set(letters.map((l) => l.unitId!)))
        staff.set(unitId, await users.unitStaff(officeId, unitId))
      return LettersToAssign({
        s: staffContext(req, reply),
        t: textsOf(req, reply),
        letters,
        staffOf: (unitId) => staff.get(unitId) ?? [],
      })
    }

    app.post(
      '/staff/cases/letters/:id/assign',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const actor = actorOf(req)
        const letter = (await registry.get(actor, 'incoming', req.params.id)) as IncomingDto
        await registry.assign(
          actor,
          req.params.id,
          assertValid(AssignBody, {
            unitId: req.body.unitId ?? '',
            ...(req.body.userId ? { userId: req.body.userId } : {}),
          }),
        )
        return reply.redirect(`/staff/cases?office=${letter.officeId}&view=letters&done=assigned`, 303)
      },
    )

    // A unit's case register from the head's form: the same register as the API's, as a file.
    app.get(
      '/staff/cases/register',
      {
        ...page,
        schema: {
          hide: true,
          querystring: Type.Object({
            office: Id,
            unit: Id,
            symbol: Type.String({ minLength: 1, maxLength: 20 }),
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            format: Type.Enum(['pdf', 'csv']),
          }),
        },
      },
      async (req, reply) => {
        const q = req.query
        const lang = pageContextOf(req, reply, config.defaultLanguage).lang
        const result = await cases.caseRegister(
          actorOf(req),
          q.office,
          { unitId: q.unit, symbol: q.symbol.trim(), year: q.year, format: q.format },
          lang,
        )
        return result.format === 'json' ? result.body : sendPrinted(reply, result)
      },
    )

    async function casePage(
      req: Parameters<typeof pageContextOf>[0],
      reply: Parameters<typeof pageContextOf>[1],
      id: string,
      done: string | null,
      errors: { field: string; message: string }[],
    ) {
      const s = staffContext(req, reply)
      const actor = actorOf(req)
      const c = await cases.get(actor, id)
      const unit = (await offices.listUnits(actor, c.officeId).catch(() => [])).find((u) => u.id === c.unitId)
      const staff = await users.unitStaff(c.officeId, c.unitId)
      const letters = []
      for (const [direction, ids] of [
        ['incoming', c.incomingIds],
        ['outgoing', c.outgoingIds],
      ] as const) {
        for (const entryId of ids) {
          // The letters the caller may read (a unit's officer reads those given to the unit).
          const letter = await registry.get(actor, direction, entryId).catch(() => undefined)
          if (letter) letters.push({ id: letter.id, number: letter.number, direction, title: letter.title })
        }
      }
      const canChange =
        c.status !== 'closed' &&
        allow(actor, caseRules.work, { officeId: c.officeId, unitId: c.unitId, assigneeId: c.assigneeId })
      const canSeal =
        c.status !== 'closed' && allow(actor, caseRules.seal, { officeId: c.officeId, unitId: c.unitId })
      const office = await offices.officeById(c.officeId)
      return CasePage({
        s,
        t: textsOf(req, reply),
        c,
        deadlines: CaseDeadlineForms({
          lang: s.ctx.lang,
          csrf: s.csrf,
          c,
          statutoryTerms: STATUTORY_TERM_CODES.filter(
            (code) => STATUTORY_TERMS[code].country === office?.address.country,
          ).map((code) => ({
            code,
            term: STATUTORY_TERMS[code].term ?? config.uaServiceTerm,
            law: STATUTORY_TERMS[code].law,
          })),
          notices: (await cases.delayNotices(actor, id)).items,
          canChange,
          errors,
        }),
        unit: unit ? `${unit.code} — ${unit.name[s.ctx.lang]}` : '',
        letters,
        documents: await cases.listDocuments(actor, id),
        canChange,
        canSeal,
        maxMb: Math.floor(config.uploadMaxBytes / 1024 / 1024),
        staff,
        history: (await cases.history(actor, id)).items,
        people: new Map(staff.map((u) => [u.id, u.name])),
        done,
        errors,
      })
    }

    /**
     * A case page's upload form: the change with the file, then back to the case file with a notice;
     * a refusal the person can fix (a field, the file's size or type) shows the page again with it.
     */
    async function uploadOnCasePage(
      req: Parameters<typeof pageContextOf>[0],
      reply: Parameters<typeof pageContextOf>[1],
      caseId: string,
      done: 'document' | 'version',
      change: (upload: Upload) => Promise<unknown>,
    ) {
      try {
        await withUpload(req, change)
        return reply.redirect(`/staff/cases/${caseId}?done=${done}#file-heading`, 303)
      } catch (error) {
        if (!shownOnForm(error)) throw error
        return send(reply, await casePage(req, reply, caseId, null, uploadErrors(error)), error.status)
      }
    }

    /** Field errors of a refused upload form, by the form's field names. */
    const uploadErrors = (error: {
      errors?: { path: string; message: string }[]
      detail?: string
      title: string
    }) =>
      error.errors?.map((e) => ({ field: e.path.replace(/^body\./, ''), message: e.message })) ?? [
        { field: 'file', message: error.detail ?? error.title },
      ]

    app.get(
      '/staff/cases/:id',
      { ...page, schema: { hide: true, params: IdParams, querystring: CaseQuery } },
      async (req, reply) => {
        const t = textsOf(req, reply)
        const fileDone = CASE_FILE_DONE.find((d) => d === req.query.done)
        const deadlineDone = DEADLINE_DONE.find((d) => d === req.query.done)
        const done = fileDone
          ? t(`done.${fileDone}`)
          : deadlineDone
            ? dueTexts(pageContextOf(req, reply, config.defaultLanguage).lang)(`done.${deadlineDone}`)
            : req.query.done
              ? t('done.step', { step: t(`step.${req.query.done}` as RecordsKey) })
              : null
        return send(reply, await casePage(req, reply, req.params.id, done, []))
      },
    )

    // The term, by a statutory term or by hand with its reason: counted again, back to the case.
    app.post(
      '/staff/cases/:id/term',
      { ...form, schema: { hide: true, params: IdParams, body: TermForm } },
      async (req, reply) => {
        const f = req.body
        const statutoryTerm = f.statutoryTerm?.trim()
        const amount = f.termAmount?.trim()
        const body = statutoryTerm
          ? { statutoryTerm }
          : { term: amount ? `P${amount}${f.termUnit ?? 'D'}` : '', termReason: f.termReason?.trim() ?? '' }
        return formAction(
          req,
          reply,
          () => cases.edit(actorOf(req), req.params.id, assertValid(EditTermBody, body)),
          `/staff/cases/${req.params.id}?done=term#deadline-heading`,
          async (errors) => casePage(req, reply, req.params.id, null, errors),
        )
      },
    )

    app.post(
      '/staff/cases/:id/delay-notices',
      { ...form, schema: { hide: true, params: IdParams, body: NoticeForm } },
      async (req, reply) =>
        formAction(
          req,
          reply,
          () =>
            cases.draftDelayNotice(
              actorOf(req),
              req.params.id,
              assertValid(DelayNoticeBody, {
                reason: req.body.reason?.trim() ?? '',
                newDueOn: req.body.newDueOn ?? '',
              }),
            ),
          `/staff/cases/${req.params.id}?done=notice#deadline-heading`,
          async (errors) => casePage(req, reply, req.params.id, null, errors),
        ),
    )

    app.post(
      '/staff/cases/:id/delay-notices/:noticeId/dispatch',
      { ...form, schema: { hide: true, params: NoticeParams, body: FormBody } },
      async (req, reply) => {
        await cases.dispatchDelayNotice(actorOf(req), req.params.id, req.params.noticeId, {})
        return reply.redirect(`/staff/cases/${req.params.id}?done=notice-dispatched#deadline-heading`, 303)
      },
    )

    app.post(
      '/staff/cases/:id/step/:step',
      { ...form, schema: { hide: true, params: StepParams, body: FormBody } },
      async (req, reply) => {
        const step = req.params.step as CaseAction
        const f = req.body
        const reason = f[`reason-${step}`]?.trim()
        const assigneeId = f[`assigneeId-${step}`]
        const version = Number(f.version)
        return formAction(
          req,
          reply,
          () =>
            cases.step(
              actorOf(req),
              req.params.id,
              step,
              { ...(reason ? { reason } : {}), ...(assigneeId ? { assigneeId } : {}) },
              Number.isInteger(version) && version > 0 ? version : undefined,
            ),
          `/staff/cases/${req.params.id}?done=${step}`,
          async (errors) =>
            casePage(
              req,
              reply,
              req.params.id,
              null,
              errors.map((e) => ({ ...e, field: `${e.field}-${step}` })),
            ),
        )
      },
    )

    // A document and its first file from one form: multipart, so the CSRF token travels in the address.
    app.post(
      '/staff/cases/:id/documents',
      { ...form, schema: { hide: true, params: IdParams } },
      async (req, reply) => {
        const actor = actorOf(req)
        return uploadOnCasePage(req, reply, req.params.id, 'document', async (upload) => {
          const f = upload.fields
          const optional = (name: string) => (f[name]?.trim() ? { [name]: f[name].trim() } : {})
          const body = assertValid(NewDocumentBody, {
            title: f.title?.trim() ?? '',
            kind: f.kind,
            form: f.form,
            ...optional('documentDate'),
            ...optional('creator'),
            ...optional('recipient'),
            ...optional('description'),
            ...optional('paperLocation'),
          })
          // A form sent without a chosen file still carries an empty file part.
          if (!upload.name) {
            upload.content.resume()
            return cases.addDocument(actor, req.params.id, body)
          }
          return cases.addDocument(actor, req.params.id, body, upload)
        })
      },
    )

    app.post(
      '/staff/cases/:id/documents/:documentId/versions',
      { ...form, schema: { hide: true, params: DocumentParams } },
      async (req, reply) => {
        return uploadOnCasePage(req, reply, req.params.id, 'version', async (upload) => {
          const version = Number(upload.fields.version)
          return cases.addDocumentVersion(
            actorOf(req),
            req.params.id,
            req.params.documentId,
            upload,
            upload.fields.reason?.trim() || undefined,
            Number.isInteger(version) && version > 0 ? version : undefined,
          )
        })
      },
    )

    app.post(
      '/staff/cases/:id/documents/:documentId/seal',
      { ...form, schema: { hide: true, params: DocumentParams, body: FormBody } },
      async (req, reply) => {
        const version = Number(req.body.version)
        return formAction(
          req,
          reply,
          () =>
            cases.sealDocument(
              actorOf(req),
              req.params.id,
              req.params.documentId,
              { visible: req.body.visible === 'on' },
              Number.isInteger(version) && version > 0 ? version : undefined,
            ),
          `/staff/cases/${req.params.id}?done=sealed#file-heading`,
          async (errors) => casePage(req, reply, req.params.id, null, errors),
        )
      },
    )

    // A version's file: shown in the browser (a preview of a PDF, image or text), or saved.
    app.get(
      '/staff/cases/:id/documents/:documentId/versions/:version',
      {
        ...page,
        schema: {
          hide: true,
          params: VersionParams,
          querystring: Type.Object({ download: Type.Optional(Type.Literal('1')) }),
        },
      },
      async (req, reply) => {
        const file = await cases.openDocumentVersion(
          actorOf(req),
          req.params.id,
          req.params.documentId,
          req.params.version,
        )
        return sendStoredFile(reply, file, { inline: !req.query.download })
      },
    )

    app.post(
      '/staff/cases/:id/letters',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const actor = actorOf(req)
        const direction = req.body.direction === 'outgoing' ? 'outgoing' : 'incoming'
        const number = req.body.number?.trim() ?? ''
        const t = textsOf(req, reply)
        return formAction(
          req,
          reply,
          async () => {
            const c = await cases.get(actor, req.params.id)
            const found = number
              ? (await registry.search(actor, direction, number, c.officeId, 20)).find(
                  (e) => e.number === number,
                )
              : undefined
            if (!found) throw invalid([{ path: 'body.number', message: t('letters.notFound') }])
            return cases.linkLetter(actor, req.params.id, found.id)
          },
          `/staff/cases/${req.params.id}?done=linked`,
          async (errors) => casePage(req, reply, req.params.id, null, errors),
        )
      },
    )
  }
}
