import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AuditService } from '../../modules/audit/index.js'
import {
  CreateUserBody as CreateUserForm,
  identityPolicy,
  isAllowed,
  ROLES,
  SESSION_COOKIE,
  type SignInService,
  sessionToken,
  type UsersService,
} from '../../modules/identity/index.js'
import {
  CreateOfficeBody as CreateOfficeForm,
  DeskBody as DeskForm,
  type OfficesService,
  officesPolicy,
  parseSpans,
  UnitBody as UnitForm,
  UpdateOfficeBody as UpdateOfficeForm,
  WEEKDAYS,
} from '../../modules/offices/index.js'
import type { Config } from '../../platform/config.js'
import { AppError, type FieldError, invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
import { pageContextOf } from '../../web/page-context.js'
import { AuditPage } from './audit.page.js'
import { LoginPage } from './login.page.js'
import { NetworkPage, OfficePage } from './network.page.js'
import { staffTexts } from './staff.messages.js'
import { CursorQuery, Done, type Form, FormBody, send, staffPageHelpers } from './staff-page-helpers.js'
import { UsersPage } from './users.page.js'

const MANAGER_ROLES = ['consultant', 'chancellery', 'officer', 'head', 'editor', 'kiosk'] as const

/** Only a path on this site may be the target after sign-in. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/staff'
}

/** Staff pages: sign-in, the network, offices, accounts and the audit log. Forms post with a CSRF token. */
export function staffRoutes(
  config: Config,
  services: { signIn: SignInService; users: UsersService; offices: OfficesService; audit: AuditService },
) {
  const { signIn, users, offices, audit } = services

  const { staffContext, doneText, sessionCookie, formAction } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const page = { onRequest: app.staffPage, schema: { hide: true } }
    const form = { onRequest: app.staffPage, preHandler: app.csrfProtection }

    app.get(
      '/login',
      {
        schema: {
          hide: true,
          querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }),
        },
      },
      async (req, reply) => {
        const token = sessionToken(req)
        if (token && (await signIn.authenticate(token))) return reply.redirect(safeNext(req.query.next), 303)
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        return send(
          reply,
          LoginPage({ ctx, st: staffTexts(ctx.lang), csrf: reply.generateCsrf(), next: req.query.next }),
        )
      },
    )

    app.post(
      '/login',
      { preHandler: app.csrfProtection, schema: { hide: true, body: FormBody } },
      async (req, reply) => {
        const body = req.body as Form
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const st = staffTexts(ctx.lang)
        const again = (message: string, status: number) =>
          send(
            reply,
            LoginPage({
              ctx,
              st,
              csrf: reply.generateCsrf(),
              login: body.login,
              next: body.next,
              error: message,
            }),
            status,
          )
        try {
          const result = await signIn.login({
            login: body.login ?? '',
            password: body.password ?? '',
            totp: body.totp || undefined,
            address: req.ip,
            requestId: req.id,
          })
          if (result.mustSetUpTotp) return again(st('login.mustSetUpTotp'), 403)
          reply.setCookie(SESSION_COOKIE, result.token, { ...sessionCookie(req), maxAge: 12 * 3600 })
          return reply.redirect(safeNext(body.next), 303)
        } catch (error) {
          if (error instanceof AppError && error.status === 401) return again(st('login.failed'), 401)
          if (error instanceof AppError && error.status === 429) {
            if (error.headers) reply.headers(error.headers)
            return again(
              st('login.throttled', {
                minutes: Math.ceil(Number(error.headers?.['retry-after'] ?? 900) / 60),
              }),
              429,
            )
          }
          throw error
        }
      },
    )

    app.post('/logout', { ...form, schema: { hide: true, body: FormBody } }, async (req, reply) => {
      const token = sessionToken(req)
      if (token) await signIn.logout(req.actor!, token)
      reply.clearCookie(SESSION_COOKIE, sessionCookie(req))
      return reply.redirect('/', 303)
    })

    const networkPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: { done: string | null; errors: { field: string; message: string }[]; values: Form },
    ) => {
      const s = staffContext(req, reply)
      const list = await offices.listOffices(s.actor)
      const accounts = isAllowed(s.actor, identityPolicy.readUsers) ? await users.listUsers(s.actor) : []
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
        canCreate: isAllowed(s.actor, officesPolicy.create),
        ...extra,
        values: extra.values as Record<string, string>,
      })
    }

    app.get('/staff', { ...page, schema: { hide: true, querystring: Done } }, async (req, reply) =>
      send(
        reply,
        await networkPage(req, reply, { done: doneText(req, reply, req.query.done), errors: [], values: {} }),
      ),
    )

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
        async () => offices.createOffice(req.actor!, assertValid(CreateOfficeForm, body)),
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
            country: (await offices.getOffice(req.actor!, req.params.id)).address.country,
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
              req.actor!,
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
        errorForm?: 'unit' | 'desk' | 'office'
      },
    ) => {
      const s = staffContext(req, reply)
      const [office, units, desks] = await Promise.all([
        offices.getOffice(s.actor, id),
        offices.listUnits(s.actor, id),
        offices.listDesks(s.actor, id),
      ])
      return OfficePage({
        s,
        office,
        units,
        desks,
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
          async () => offices.createUnit(req.actor!, req.params.id, assertValid(UnitForm, unit)),
          `/staff/offices/${req.params.id}?done=unit#units`,
          (errors) =>
            officePage(req, reply, req.params.id, { done: null, errors, values: b, errorForm: 'unit' }),
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
            offices.createDesk(req.actor!, req.params.id, assertValid(DeskForm, { name: b.name ?? '' }).name),
          `/staff/offices/${req.params.id}?done=desk#desks`,
          (errors) =>
            officePage(req, reply, req.params.id, { done: null, errors, values: b, errorForm: 'desk' }),
        )
      },
    )

    const usersPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: { done: string | null; errors: { field: string; message: string }[]; values: Form },
    ) => {
      const s = staffContext(req, reply)
      const [list, officeList] = await Promise.all([users.listUsers(s.actor), offices.listOffices(s.actor)])
      const grantable = isAllowed(s.actor, ['admin'])
        ? ROLES
        : isAllowed(s.actor, identityPolicy.manageUsers)
          ? MANAGER_ROLES
          : []
      return UsersPage({
        s,
        users: list,
        offices: officeList,
        grantable,
        ...extra,
        values: extra.values as Record<string, string>,
      })
    }

    app.get('/staff/users', { ...page, schema: { hide: true, querystring: Done } }, async (req, reply) => {
      return send(
        reply,
        await usersPage(req, reply, { done: doneText(req, reply, req.query.done), errors: [], values: {} }),
      )
    })

    app.post('/staff/users', { ...form, schema: { hide: true, body: FormBody } }, async (req, reply) => {
      const b = req.body as Form
      const body = {
        login: b.login ?? '',
        password: b.password ?? '',
        name: b.name ?? '',
        email: b.email ? b.email : null,
        roles: [{ role: b.role ?? '', officeId: b.officeId ? b.officeId : null }],
      }
      const { password: _omit, ...values } = b
      return formAction(
        req,
        reply,
        async () => users.createUser(req.actor!, assertValid(CreateUserForm, body)),
        '/staff/users?done=user',
        (errors) => usersPage(req, reply, { done: null, errors, values }),
      )
    })

    for (const [action, status] of [
      ['disable', 'disabled'],
      ['enable', 'active'],
    ] as const) {
      app.post(
        `/staff/users/:id/${action}`,
        { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
        async (req, reply) => {
          await users.setStatus(req.actor!, req.params.id, status)
          return reply.redirect(`/staff/users?done=${status === 'active' ? 'enabled' : 'disabled'}`, 303)
        },
      )
    }

    app.get(
      '/staff/audit',
      {
        ...page,
        schema: {
          hide: true,
          querystring: CursorQuery,
        },
      },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const [list, check, head] = await Promise.all([
          audit.list(s.actor, { limit: 50, ...(req.query.cursor ? { cursor: req.query.cursor } : {}) }),
          audit.verify(s.actor),
          audit.head(),
        ])
        return send(reply, AuditPage({ s, entries: list.items, check, head, nextCursor: list.nextCursor }))
      },
    )
  }
}
