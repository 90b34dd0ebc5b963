import { createHash, randomBytes } from 'node:crypto'
import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, inTransaction, isUniqueViolation } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import { newId } from '../../platform/ids.js'
import type { JobStore } from '../../platform/jobs/index.js'
import { eservicesTexts } from './eservices.messages.js'
import * as repo from './eservices.repository.js'
import type { SignInLinkBody } from './eservices.schemas.js'
import type { ResidentRow } from './eservices.tables.js'

/** The job that sends one e-mail to a resident (a sign-in link, a status change, a letter). */
export const RESIDENT_MAIL_JOB = 'eservices.mail'
export const RESIDENT_COOKIE = 'ratusz_resident'

const LINK_MINUTES = 30
const SESSION_HOURS = 12
/** At most this many links to one address an hour: the form cannot be used to flood someone's inbox. */
const LINKS_PER_HOUR = 5

const hash = (token: string) => createHash('sha256').update(token).digest('hex')
const token = () => randomBytes(32).toString('base64url')

/** What a sign-in by an identity provider tells of the resident (OpenID Connect claims). */
export interface VerifiedIdentity {
  subject: string
  name: string | null
  email: string | null
  identifier: { kind: 'PESEL' | 'RNOKPP'; value: string } | null
}

export type ResidentsService = ReturnType<typeof createResidentsService>

/**
 * Residents: who applies for e-services. Signed in by an identity provider (OpenID Connect, with the
 * verified PESEL or РНОКПП from its claims), or, where a card allows it, by an e-mail address
 * confirmed by opening a one-time link sent to it. A sign-in gives a session (a cookie holding a
 * random token; only its hash is kept), which ends after twelve hours or when the resident signs out.
 */
export function createResidentsService(
  db: Db,
  clock: Clock,
  jobs: JobStore,
  audit: AuditTrail,
  publicUrl: string,
) {
  async function openSession(trx: Db, resident: ResidentRow) {
    const secret = token()
    const now = clock.now()
    await repo.insertSession(trx, {
      tokenHash: hash(secret),
      residentId: resident.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    })
    return { token: secret, resident, maxAge: SESSION_HOURS * 3600 }
  }

  /** The resident of this provider and subject, made on their first sign-in, updated on each. */
  async function residentFor(trx: Db, provider: 'oidc' | 'email', identity: VerifiedIdentity) {
    const now = clock.now().toISOString()
    const known = await repo.findResidentBySubject(trx, provider, identity.subject)
    if (known) {
      const changes = {
        lastSeenAt: now,
        ...(identity.name ? { name: identity.name } : {}),
        ...(identity.email ? { email: identity.email } : {}),
        ...(identity.identifier
          ? { identifierKind: identity.identifier.kind, identifier: identity.identifier.value }
          : {}),
      }
      await repo.touchResident(trx, known.id, changes)
      return { ...known, ...changes }
    }
    const row: ResidentRow = {
      id: newId(),
      email: identity.email,
      name: identity.name,
      identifierKind: identity.identifier?.kind ?? null,
      identifier: identity.identifier?.value ?? null,
      provider,
      subject: identity.subject,
      createdAt: now,
      lastSeenAt: now,
    }
    await repo.insertResident(trx, row)
    await audit.record(trx, {
      actor: { type: 'resident', id: row.id, login: `resident:${provider}` },
      requestId: null,
      action: 'resident.create',
      officeId: null,
      subjectType: 'resident',
      subjectId: row.id,
      summary: { provider, identifier: identity.identifier?.kind ?? null },
    })
    return row
  }

  return {
    /**
     * Sends a one-time sign-in link to an address (by the mail job, after the link is stored). The
     * same answer whether or not the address was seen before; past five links an hour, 429.
     */
    async sendLink(body: SignInLinkBody): Promise<void> {
      const email = body.email.trim().toLowerCase()
      const now = clock.now()
      const lang: Lang = body.language ?? 'pl'
      const secret = token()
      await inTransaction(db, async (trx) => {
        const recent = await repo.linksSince(trx, email, new Date(now.getTime() - 3_600_000).toISOString())
        if (recent >= LINKS_PER_HOUR)
          throw new AppError(
            'RATE_LIMITED',
            429,
            'Too many links',
            'Several links were sent to this address within the hour: use one of them, or try again later.',
            undefined,
            { 'retry-after': '3600' },
          )
        await repo.insertLink(trx, {
          tokenHash: hash(secret),
          email,
          next: body.next ?? '/my',
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000).toISOString(),
        })
        const t = eservicesTexts(lang)
        await jobs.enqueue(trx, RESIDENT_MAIL_JOB, {
          to: email,
          subject: t('mail.link.subject'),
          text: t('mail.link.body', {
            link: `${publicUrl}/my/sign-in?token=${secret}`,
            minutes: String(LINK_MINUTES),
          }),
        })
      })
    },

    /** Opens a link: the address is confirmed, a session begins. Used, expired or unknown: 410. */
    async useLink(secret: string) {
      const gone = () =>
        new AppError(
          'LINK_EXPIRED',
          410,
          'This link cannot be used',
          'The link was used already, or it is older than 30 minutes: ask for a new one.',
        )
      if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) throw gone()
      const opened = await inTransaction(db, async (trx) => {
        const link = await repo.useLink(trx, hash(secret), clock.now().toISOString())
        if (!link) return undefined
        const resident = await residentFor(trx, 'email', {
          subject: link.email,
          email: link.email,
          name: null,
          identifier: null,
        })
        return { ...(await openSession(trx, resident)), next: link.next }
      }).catch((error: unknown) => {
        // Two first sign-ins of one address at once: the second finds the first's resident.
        if (isUniqueViolation(error)) throw gone()
        throw error
      })
      if (!opened) throw gone()
      return opened
    },

    /** Signs in a resident an identity provider verified (OpenID Connect). */
    async signInVerified(identity: VerifiedIdentity) {
      return inTransaction(db, async (trx) => openSession(trx, await residentFor(trx, 'oidc', identity)))
    },

    /** The resident of a session token, or null. */
    async residentOf(secret: string | undefined): Promise<ResidentRow | null> {
      if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null
      return (await repo.findSession(db, hash(secret), clock.now().toISOString())) ?? null
    },

    async signOut(secret: string | undefined) {
      if (secret) await repo.deleteSession(db, hash(secret))
    },
  }
}
