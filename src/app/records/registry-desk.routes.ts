import { Type } from 'typebox'
import { actorOf, allow } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import {
  IncomingBody,
  type IncomingDto,
  type RegistryService,
  registryRules,
  VoidBody,
} from '../../modules/registry/index.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { forbidden, invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendPrinted, sendStoredFile } from '../../platform/http/download.js'
import { Id, IdParams, LocalDate } from '../../platform/http/schemas.js'
import { shownOnForm, withUpload } from '../../platform/http/upload.js'
import { assertValid } from '../../platform/http/validate.js'
import { instantOf, localDateOf } from '../../platform/timezone.js'
import { pageContextOf } from '../../web/page-context.js'
import {
  type Form,
  FormBody,
  send,
  staffPageHelpers,
  staffRouteOptions,
} from '../staff/staff-page-helpers.js'
import { recordsTexts } from './records.messages.js'
import { IncomingEntryPage, RegistryDeskPage, StampPage } from './registry-desk.page.js'

const DeskQuery = Type.Object({
  office: Type.Optional(Id),
  on: Type.Optional(LocalDate),
  registered: Type.Optional(Type.String({ maxLength: 60 })),
})
const EntryQuery = Type.Object({ done: Type.Optional(Type.Enum(['voided', 'uploaded'])) })
const PrintQuery = Type.Object({
  period: Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$' }),
  format: Type.Enum(['pdf', 'csv']),
})

/** A form's value, or undefined when left empty (the API then records the part as missing). */
const given = (form: Form, name: string) => {
  const value = form[name]?.trim()
  return value ? value : undefined
}

/** The chancellery desk's pages: register from the keyboard, the day's register, an entry, its stamp. */
export function registryDeskRoutes(
  config: Config,
  clock: Clock,
  registry: RegistryService,
  offices: OfficesService,
) {
  const { staffContext, formAction } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)
    const textsOf = (req: Parameters<typeof pageContextOf>[0], reply: Parameters<typeof pageContextOf>[1]) =>
      recordsTexts(pageContextOf(req, reply, config.defaultLanguage).lang)

    /** The offices whose registers the actor keeps. */
    const deskOffices = async (actor: ReturnType<typeof actorOf>) =>
      (await offices.listOffices(actor)).filter((o) => allow(actor, registryRules.keep, { officeId: o.id }))

    async function desk(
      req: Parameters<typeof pageContextOf>[0],
      reply: Parameters<typeof pageContextOf>[1],
      officeId: string | undefined,
      day: string | undefined,
      state: { done: string | null; errors: { field: string; message: string }[]; values: Form },
    ) {
      const s = staffContext(req, reply)
      const t = textsOf(req, reply)
      const actor = actorOf(req)
      const mine = await deskOffices(actor)
      const office = mine.find((o) => o.id === officeId) ?? mine[0]
      if (!office) throw forbidden('Your roles keep no office’s registers.')
      const lang = s.ctx.lang
      const now = clock.now()
      const today = localDateOf(now, office.timezone)
      const on = day ?? today
      const list = await registry.list(actor, office.id, 'incoming', {
        on,
        year: Number(on.slice(0, 4)),
        limit: 200,
      })
      return RegistryDeskPage({
        s,
        t,
        office: { id: office.id, name: office.name[lang] },
        offices: mine.map((o) => ({ id: o.id, name: o.name[lang] })),
        units: (await offices.listUnits(actor, office.id)).map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name[lang],
        })),
        day: on,
        entries: list.items as IncomingDto[],
        senders: await registry.recentCorrespondents(actor, office.id, 'incoming'),
        now: {
          date: today,
          time: new Intl.DateTimeFormat('en-GB', {
            timeZone: office.timezone,
            hour: '2-digit',
            minute: '2-digit',
            hour12: false,
          }).format(now),
        },
        ...state,
      })
    }

    app.get(
      '/staff/registry',
      { ...page, schema: { hide: true, querystring: DeskQuery } },
      async (req, reply) => {
        const t = textsOf(req, reply)
        const done = req.query.registered ? t('done.registered', { number: req.query.registered }) : null
        return send(
          reply,
          await desk(req, reply, req.query.office, req.query.on, { done, errors: [], values: {} }),
        )
      },
    )

    app.post(
      '/staff/registry/:officeId/incoming',
      { ...form, schema: { hide: true, params: Type.Object({ officeId: Id }), body: FormBody } },
      async (req, reply) => {
        const f = req.body
        const officeId = req.params.officeId
        return formAction(
          req,
          reply,
          async () => {
            const office = await offices.officeById(officeId)
            const at =
              office && f.receivedOn && f.receivedTime
                ? instantOf(f.receivedOn, f.receivedTime, office.timezone)
                : null
            if (!at)
              throw invalid([{ path: 'body.receivedAt', message: 'give the date and time the letter came' }])
            const address = {
              street: given(f, 'sender-address-street') ?? null,
              postcode: given(f, 'sender-address-postcode') ?? null,
              city: given(f, 'sender-address-city') ?? null,
            }
            const kind =
              (['person', 'organisation', 'unknown'] as const).find((k) => k === f['sender-kind']) ?? 'person'
            const body = assertValid(IncomingBody, {
              receivedAt: at.toISOString(),
              channel: (f.channel ?? 'paper') as IncomingDto['channel'],
              sender: {
                kind,
                name: given(f, 'sender-name') ?? null,
                address: address.street || address.postcode || address.city ? address : null,
              },
              title: f.title?.trim() ?? '',
              letterDate: given(f, 'letterDate') ?? null,
              senderReference: given(f, 'senderReference') ?? null,
              attachments: Number(f.attachments || 0),
              ...(given(f, 'unitId') ? { assignee: { unitId: given(f, 'unitId') as string } } : {}),
            })
            return registry.registerIncoming(actorOf(req), officeId, body)
          },
          (entry) =>
            `/staff/registry?office=${officeId}&registered=${encodeURIComponent((entry as IncomingDto).number)}`,
          async (errors) => desk(req, reply, officeId, undefined, { done: null, errors, values: f }),
        )
      },
    )

    app.get(
      '/staff/registry/:officeId/register',
      { ...page, schema: { hide: true, params: Type.Object({ officeId: Id }), querystring: PrintQuery } },
      async (req, reply) => {
        const lang = pageContextOf(req, reply, config.defaultLanguage).lang
        const printed = await registry.printRegister(
          actorOf(req),
          req.params.officeId,
          'incoming',
          req.query.period,
          req.query.format,
          lang,
        )
        return sendPrinted(reply, {
          format: req.query.format,
          fileName: printed.fileName,
          body: printed.content,
        })
      },
    )

    async function entryPage(
      req: Parameters<typeof pageContextOf>[0],
      reply: Parameters<typeof pageContextOf>[1],
      id: string,
      done: string | null,
      errors: { field: string; message: string }[],
    ) {
      const actor = actorOf(req)
      const entry = (await registry.get(actor, 'incoming', id)) as IncomingDto
      return IncomingEntryPage({
        s: staffContext(req, reply),
        t: textsOf(req, reply),
        entry,
        versions: (await registry.versions(actor, 'incoming', id)).items,
        canChange: allow(actor, registryRules.editIncoming, { officeId: entry.officeId }),
        maxMb: Math.floor(config.uploadMaxBytes / 1024 / 1024),
        done,
        errors,
      })
    }

    app.get(
      '/staff/registry/incoming/:id',
      { ...page, schema: { hide: true, params: IdParams, querystring: EntryQuery } },
      async (req, reply) => {
        const t = textsOf(req, reply)
        const done =
          req.query.done === 'voided'
            ? t('done.voided')
            : req.query.done === 'uploaded'
              ? t('done.uploaded')
              : null
        return send(reply, await entryPage(req, reply, req.params.id, done, []))
      },
    )

    app.post(
      '/staff/registry/incoming/:id/void',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) =>
        formAction(
          req,
          reply,
          () =>
            registry.voidEntry(
              actorOf(req),
              'incoming',
              req.params.id,
              assertValid(VoidBody, { reason: req.body.reason?.trim() ?? '' }).reason,
            ),
          `/staff/registry/incoming/${req.params.id}?done=voided`,
          async (errors) => entryPage(req, reply, req.params.id, null, errors),
        ),
    )

    // A file from a page's form: multipart, so the CSRF token travels in the address (`?_csrf=`).
    app.post(
      '/staff/registry/incoming/:id/files',
      { ...form, schema: { hide: true, params: IdParams } },
      async (req, reply) => {
        try {
          await withUpload(req, (upload) => registry.addFile(actorOf(req), 'incoming', req.params.id, upload))
          return reply.redirect(`/staff/registry/incoming/${req.params.id}?done=uploaded`, 303)
        } catch (error) {
          if (!shownOnForm(error)) throw error
          return send(
            reply,
            await entryPage(req, reply, req.params.id, null, [
              { field: 'file', message: error.detail ?? error.title },
            ]),
            error.status,
          )
        }
      },
    )

    app.get(
      '/staff/registry/incoming/:id/files/:fileId',
      { ...page, schema: { hide: true, params: Type.Object({ id: Id, fileId: Id }) } },
      async (req, reply) => {
        const { file, content } = await registry.openFile(
          actorOf(req),
          'incoming',
          req.params.id,
          req.params.fileId,
        )
        return sendStoredFile(reply, { ...file, content })
      },
    )

    app.get(
      '/staff/registry/incoming/:id/stamp',
      { ...page, schema: { hide: true, params: IdParams } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const entry = (await registry.get(actorOf(req), 'incoming', req.params.id)) as IncomingDto
        const office = await offices.officeById(entry.officeId)
        return send(
          reply,
          StampPage({
            s,
            t: textsOf(req, reply),
            office: office?.name[s.ctx.lang] ?? '',
            number: entry.number,
            date: office
              ? localDateOf(new Date(entry.receivedAt), office.timezone)
              : entry.receivedAt.slice(0, 10),
          }),
        )
      },
    )
  }
}
