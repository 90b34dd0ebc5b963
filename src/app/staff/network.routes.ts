import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ANY_OFFICE, actorOf, identityPolicy, isAllowed } from '../../modules/identity/index.js'
import {
  CreateOfficeBody as CreateOfficeForm,
  DeskBody as DeskForm,
  officesPolicy,
  parseSpans,
  UnitBody as UnitForm,
  UpdateOfficeBody as UpdateOfficeForm,
  WEEKDAYS,
} from '../../modules/offices/index.js'
import { DeskQueuesBody, queuePolicy } from '../../modules/queue/index.js'
import type { Config } from '../../platform/config.js'
import { type FieldError, invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id, IdParams } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
import { NetworkPage, OfficePage, type OfficePageProps } from './network.page.js'
import {
  Done,
  type Form,
  FormBody,
  type FormState,
  type StaffServices,
  send,
  staffPageHelpers,
  staffRouteOptions,
} from './staff-page-helpers.js'

const OfficeDeskParams = Type.Object({ id: Id, deskId: Id })

/** The network overview, adding a centre, and an office page with its units, desks and hours. */
export function networkRoutes(config: Config, services: StaffServices) {
  const { offices, users, queue } = services
  const { staffContext, doneText, formAction } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)

    const networkPage = async (req: FastifyRequest, reply: FastifyReply, extra: FormState) => {
      const s = staffContext(req, reply)
      const list = await offices.listOffices(s.actor)
      const accounts = isAllowed(s.actor, identityPolicy.readUsers, ANY_OFFICE)
        ? await users.listUsers(s.actor)
        : []
      const rows = await Promise.all(
        list.map(async (office) => ({
          office,
          units: (await offices.listUnits(s.actor, office.id)).length,
          desks: (await offices.listDesks(s.actor, office.id)).length,
          staff: accounts.filter((u) => u.roles.some((g) => g.officeId === office.id)).length,
        })),
      )
      return NetworkPage({
        s,
        rows,
        canCreate: isAllowed(s.actor, officesPolicy.create, ANY_OFFICE),
        ...extra,
        values: extra.values as Record<string, string>,
      })
    }

    app.get('/staff', { ...page, schema: { hide: true, querystring: Done } }, async (req, reply) => {
      // A kiosk device has no staff pages: sign-in sends it to its centre's kiosk screen.
      if (actorOf(req).kind === 'device') return reply.redirect('/login', 303)
      return send(
        reply,
        await networkPage(req, reply, { done: doneText(req, reply, req.query.done), errors: [], values: {} }),
      )
    })

    app.post('/staff/offices', { ...form, schema: { hide: true, body: FormBody } }, async (req, reply) => {
      const b = req.body as Form
      const body = {
        code: b.code ?? '',
        name: { uk: b['name-uk'] ?? '', pl: b['name-pl'] ?? '', en: b['name-en'] ?? '' },
        address: {
          street: b['address-street'] ?? '',
          postcode: b['address-postcode'] ?? '',
          city: b['address-city'] ?? '',
          country: b.country ?? '',
        },
        timezone: b.timezone ?? '',
        defaultLanguage: b.defaultLanguage ?? '',
      }
      return formAction(
        req,
        reply,
        async () => offices.createOffice(actorOf(req), assertValid(CreateOfficeForm, body)),
        (created) => `/staff/offices/${(created as { id: string }).id}?done=office`,
        (errors) => networkPage(req, reply, { done: null, errors, values: b }),
      )
    })

    app.post(
      '/staff/offices/:id',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        const hours: Record<string, { from: string; to: string }[]> = {}
        const hourErrors: FieldError[] = []
        for (const day of WEEKDAYS) {
          const spans = parseSpans(b[`hours-${day}`] ?? '')
          if (spans) hours[day] = spans
          else
            hourErrors.push({
              path: `body.hours-${day}`,
              message: 'is not like 09:00–17:00',
              keyword: 'pattern',
            })
        }
        const patch = {
          name: { uk: b['name-uk'] ?? '', pl: b['name-pl'] ?? '', en: b['name-en'] ?? '' },
          address: {
            street: b['address-street'] ?? '',
            postcode: b['address-postcode'] ?? '',
            city: b['address-city'] ?? '',
            country: (await offices.getOffice(actorOf(req), req.params.id)).address.country,
          },
          contact: {
            ...(b['contact-phone'] ? { phone: b['contact-phone'] } : {}),
            ...(b['contact-email'] ? { email: b['contact-email'] } : {}),
          },
          openingHours: hours,
          status: b.status ?? '',
        }
        return formAction(
          req,
          reply,
          async () => {
            if (hourErrors.length > 0) throw invalid(hourErrors)
            return offices.updateOffice(
              actorOf(req),
              req.params.id,
              assertValid(UpdateOfficeForm, patch),
              Number(b.version) || undefined,
            )
          },
          `/staff/offices/${req.params.id}?done=saved`,
          (errors, stale) =>
            officePage(req, reply, req.params.id, {
              done: null,
              errors,
              values: {},
              errorForm: 'office',
              ...(stale ? {} : { editValues: b }),
            }),
        )
      },
    )

    const officePage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      id: string,
      extra: {
        done: string | null
        errors: { field: string; message: string }[]
        values: Form
        editValues?: Form
        errorForm?: OfficePageProps['errorForm']
      },
    ) => {
      const s = staffContext(req, reply)
      const [office, units, desks] = await Promise.all([
        offices.getOffice(s.actor, id),
        offices.listUnits(s.actor, id),
        offices.listDesks(s.actor, id),
      ])
      const queueSetup = isAllowed(s.actor, queuePolicy.read, id)
        ? {
            queues: await queue.listQueues(id),
            desks: await queue.listDesks(s.actor, id),
            canManage: isAllowed(s.actor, queuePolicy.manage, id),
          }
        : null
      return OfficePage({
        s,
        office,
        units,
        desks,
        queueSetup,
        canManage: isAllowed(s.actor, officesPolicy.manageStructure, id),
        canEdit: isAllowed(s.actor, officesPolicy.update, id),
        ...extra,
        values: extra.values as Record<string, string>,
        editValues: extra.editValues as Record<string, string> | undefined,
      })
    }

    app.get(
      '/staff/offices/:id',
      { ...page, schema: { hide: true, params: IdParams, querystring: Done } },
      async (req, reply) => {
        return send(
          reply,
          await officePage(req, reply, req.params.id, {
            done: doneText(req, reply, req.query.done),
            errors: [],
            values: {},
          }),
        )
      },
    )

    app.post(
      '/staff/offices/:id/units',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        const unit = {
          code: b.code ?? '',
          name: { uk: b['name-uk'] ?? '', pl: b['name-pl'] ?? '', en: b['name-en'] ?? '' },
        }
        return formAction(
          req,
          reply,
          async () => offices.createUnit(actorOf(req), req.params.id, assertValid(UnitForm, unit)),
          `/staff/offices/${req.params.id}?done=unit#units`,
          (errors) =>
            officePage(req, reply, req.params.id, { done: null, errors, values: b, errorForm: 'unit' }),
        )
      },
    )

    app.post(
      '/staff/offices/:id/desks/:deskId/queues',
      { ...form, schema: { hide: true, params: OfficeDeskParams, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        const { id, deskId } = req.params
        // Checked boxes are `queue-<id>`; each one's weight is `weights-<id>` (empty: 1).
        const queueIds = Object.keys(b)
          .filter((k) => k.startsWith('queue-') && b[k] === 'on')
          .map((k) => k.slice('queue-'.length))
        const weights = Object.fromEntries(
          queueIds.map((q) => [q, b[`weights-${q}`]?.trim() ? Number(b[`weights-${q}`]) : 1]),
        )
        return formAction(
          req,
          reply,
          async () =>
            queue.setDeskQueues(actorOf(req), deskId, assertValid(DeskQueuesBody, { queueIds, weights })),
          `/staff/offices/${id}?done=deskQueues#desks`,
          (errors) =>
            officePage(req, reply, id, { done: null, errors, values: b, errorForm: `desk-queues-${deskId}` }),
        )
      },
    )

    app.post(
      '/staff/offices/:id/desks',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        return formAction(
          req,
          reply,
          async () =>
            offices.createDesk(
              actorOf(req),
              req.params.id,
              assertValid(DeskForm, { name: b.name ?? '' }).name,
            ),
          `/staff/offices/${req.params.id}?done=desk#desks`,
          (errors) =>
            officePage(req, reply, req.params.id, { done: null, errors, values: b, errorForm: 'desk' }),
        )
      },
    )
  }
}
