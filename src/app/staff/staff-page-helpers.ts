import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AuditService } from '../../modules/audit/index.js'
import type { CalendarService } from '../../modules/calendar/index.js'
import type { Actor, SignInService, UsersService } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { QueueService } from '../../modules/queue/index.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { AppError, type FieldError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { formErrors } from '../../web/forms.js'
import { documentOf, type Html } from '../../web/jsx.js'
import { pageContextOf } from '../../web/page-context.js'
import { type StaffKey, staffTexts } from './staff.messages.js'
import type { StaffContext } from './staff-layout.js'

/** A posted form: field name to text. */
export type Form = Record<string, string | undefined>
export const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }))
export const Done = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) })

/** Success messages a redirect after a form may ask for with `?done=`. */
const DONE: Record<string, StaffKey> = {
  office: 'done.office',
  saved: 'done.saved',
  unit: 'done.unit',
  desk: 'done.desk',
  deskQueues: 'done.deskQueues',
  user: 'done.user',
  disabled: 'done.disabled',
  enabled: 'done.enabled',
  unlocked: 'done.unlocked',
  roles: 'done.roles',
  passwordSet: 'done.passwordSet',
  ownPassword: 'done.ownPassword',
  token: 'done.token',
  tokenRevoked: 'done.tokenRevoked',
  totp: 'done.totp',
  totpRequired: 'account.totpRequired',
  card: 'done.card',
  published: 'done.published',
  withdrawn: 'done.withdrawn',
  retried: 'done.retried',
  calendar: 'done.calendar',
}

/** Which form field a "taken" conflict is about. */
const TAKEN_FIELD: Record<string, string> = {
  LOGIN_TAKEN: 'login',
  UNIT_CODE_TAKEN: 'code',
  OFFICE_CODE_TAKEN: 'code',
  SERVICE_CODE_TAKEN: 'code',
}

export function send(reply: FastifyReply, html: Html, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(documentOf(html))
}

/** What every staff page route needs: its context, success messages, and the form round trip. */
export function staffPageHelpers(config: Config) {
  const staffContext = (req: FastifyRequest, reply: FastifyReply): StaffContext => {
    const ctx = pageContextOf(req, reply, config.defaultLanguage)
    return { ctx, st: staffTexts(ctx.lang), actor: req.actor as Actor, csrf: reply.generateCsrf() }
  }

  /** The success message a redirect after a form asked for (`?done=unit`), in the page's language. */
  const doneText = (req: FastifyRequest, reply: FastifyReply, done: string | undefined): string | null => {
    const key = done ? DONE[done] : undefined
    return key ? staffTexts(pageContextOf(req, reply, config.defaultLanguage).lang)(key) : null
  }

  const sessionCookie = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: req.protocol === 'https',
  })

  /** Runs a form's change; on a refusal a user can fix (422, 409, 412), renders the form again with the errors. */
  async function formAction(
    req: FastifyRequest,
    reply: FastifyReply,
    change: () => Promise<unknown>,
    /** Where to go after the change, or the page to show at once (a secret shown only once). */
    onSuccess: string | ((result: unknown) => string | Promise<Html>),
    again: (errors: { field: string; message: string }[], stale: boolean) => Promise<Html>,
  ) {
    const st = staffTexts(pageContextOf(req, reply, config.defaultLanguage).lang)
    const localise = (e: FieldError): string | null => {
      if (e.keyword === 'required' || (e.keyword === 'minLength' && e.limit === 1)) return st('form.required')
      if (e.keyword === 'wrongPassword') return st('account.wrongCurrent')
      if (e.keyword === 'wrongCode') return st('account.totpWrong')
      if (e.keyword === 'minLength' && e.limit) return st('form.tooShort', { limit: e.limit })
      if (
        e.keyword === 'pattern' ||
        e.keyword === 'format' ||
        e.keyword === 'enum' ||
        e.keyword === 'minimum'
      ) {
        return st('form.invalid')
      }
      return null
    }
    try {
      const result = await change()
      const next = typeof onSuccess === 'string' ? onSuccess : await onSuccess(result)
      return typeof next === 'string' ? reply.redirect(next, 303) : send(reply, next)
    } catch (error) {
      if (error instanceof AppError && error.status === 412) {
        return send(reply, await again([{ field: 'office', message: st('form.stale') }], true), 409)
      }
      if (error instanceof AppError && (error.status === 422 || error.status === 409)) {
        const errors = error.errors
          ? formErrors(error.errors, localise)
          : [{ field: TAKEN_FIELD[error.code] ?? 'name', message: st('form.taken') }]
        return send(reply, await again(errors, false), error.status)
      }
      throw error
    }
  }

  return { staffContext, doneText, sessionCookie, formAction }
}

/** The services the staff pages draw on. */
export interface StaffServices {
  clock: Clock
  calendar: CalendarService
  signIn: SignInService
  users: UsersService
  offices: OfficesService
  audit: AuditService
  queue: QueueService
}

/** What a page shows after a form round trip: a success message, field errors, the values sent. */
export interface FormState {
  done: string | null
  errors: { field: string; message: string }[]
  values: Form
}

/** Route options of staff pages: a page needs a session; a form post also a CSRF token. */
export function staffRouteOptions(app: AppInstance) {
  return {
    page: { onRequest: app.staffPage, schema: { hide: true } },
    form: { onRequest: app.staffPage, preHandler: app.csrfProtection },
  }
}
