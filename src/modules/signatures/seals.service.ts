import { createHash } from 'node:crypto'
import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, inTransaction } from '../../platform/db/index.js'
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, allow, auditRecordBy, rules } from '../identity/index.js'
import { describe } from './certificates.js'
import { signedData } from './cms-signing.js'
import { NotASignature } from './cms-validation.js'
import { SealRefused, sealPdf } from './seal-pades.js'
import type { OfficeSeal, SealStore } from './seal-store.js'
import { sealXml } from './seal-xades.js'
import { requestTimeStamp, TimeStampUnavailable } from './time-stamps.js'

/** The code under which the network's own seal is kept (it seals the audit anchors). */
export const NETWORK_SEAL = 'NETWORK'

/** What the seals need of an office. */
export interface SealOffice {
  id: string
  code: string
  name: Record<Lang, string>
  defaultLanguage: Lang
  timezone: string
  address: { city: string; country: string }
}

const digests = new WeakMap<object, string>()
/** A seal certificate's SHA-256, worked out once per certificate (every seal put is audited with it). */
function certificateSha256(cert: Parameters<typeof describe>[0]): string {
  let digest = digests.get(cert)
  if (!digest) {
    digest = describe(cert).sha256
    digests.set(cert, digest)
  }
  return digest
}

/** Sealing on the office's behalf is the head's act; the office's staff may see which seal it has. */
const sealRules = {
  seal: rules.role('head'),
  read: rules.role('admin', 'head', 'manager', 'officer', 'chancellery'),
}

const SEALED: Record<Lang, string> = {
  uk: 'Електронна печатка',
  pl: 'Pieczęć elektroniczna',
  en: 'Electronic seal',
}
const ON_BEHALF: Record<Lang, string> = { uk: 'від імені', pl: 'w imieniu', en: 'on behalf of' }

export type SealsService = ReturnType<typeof createSealsService>

/**
 * The offices' electronic seals: which seal an office has, and sealing a PDF (PAdES, visible or not)
 * or an XML document (XAdES) with it, time-stamped when a TSA is configured (level T; level B, said
 * so, when the authority cannot be reached). Every seal put is audited with what was sealed.
 */
export function createSealsService(
  db: Db,
  clock: Clock,
  audit: AuditTrail,
  store: SealStore,
  office: (id: string) => Promise<SealOffice | undefined>,
  tsaUrl: string | null,
  /** Seals XML in a worker thread (the signature module's pool); without it, on this thread. */
  xmlOffThread?: (
    xml: Buffer,
    key: OfficeSeal['key'],
    at: Date,
    tsaUrl: string | null,
  ) => Promise<{ bytes: Buffer; stamped: boolean }>,
) {
  async function sealOf(officeId: string): Promise<{ office: SealOffice; seal: OfficeSeal }> {
    const found = await office(officeId)
    if (!found) throw notFound('Office')
    const seal = await store.seal(found.code).catch((error: Error) => {
      throw conflict(
        'SEAL_UNREADABLE',
        'The seal cannot be opened',
        `The office's seal file cannot be opened: ${error.message}.`,
      )
    })
    if (!seal)
      throw conflict(
        'SEAL_MISSING',
        'The office has no seal',
        `Office ${found.code} has no seal: import one (ratusz seal import) or make a demo one (ratusz seal init).`,
      )
    return { office: found, seal }
  }

  const service = {
    async sealInfo(actor: Actor, officeId: string) {
      if (!allow(actor, sealRules.read, { officeId })) throw forbidden()
      const { office: found, seal } = await sealOf(officeId)
      const info = describe(seal.key.cert)
      return {
        officeId: found.id,
        subject: info.subject,
        issuer: info.issuer,
        serial: info.serial,
        sha256: info.sha256,
        notBefore: info.notBefore,
        notAfter: info.notAfter,
        algorithm: seal.key.privateKey.algorithm.name === 'ECDSA' ? 'ECDSA' : 'RSA',
        demo: seal.demo,
        timeStamped: tsaUrl !== null,
      }
    },

    /**
     * Seals a file for the office, by the office's seal, on behalf of `actor` (whom the caller has
     * allowed): a PDF with PAdES, an XML document with XAdES; anything else, or a PDF signed already,
     * is refused (422). Audited on the office with the digests of what went in and came out (a case
     * records the sealed version in its own history besides).
     */
    async sealFor(
      actor: Actor,
      officeId: string,
      bytes: Buffer,
      options: { visible: boolean },
    ): Promise<{ bytes: Buffer; format: 'PAdES' | 'XAdES'; level: 'B' | 'T'; mediaType: string }> {
      const { office: found, seal } = await sealOf(officeId)
      const head = bytes.subarray(0, 64).toString('latin1').trimStart()
      const pdf = head.startsWith('%PDF')
      if (!pdf && !head.startsWith('<') && !head.startsWith('\uFEFF<'))
        throw new AppError(
          'NOT_SEALABLE',
          422,
          'Cannot be sealed',
          'Only a PDF or an XML document can be sealed.',
        )
      const now = clock.now()
      let stamped = false
      const timeStamp = tsaUrl
        ? async (value: Buffer) => {
            const token = await requestTimeStamp(tsaUrl, value)
            stamped = true
            return token
          }
        : undefined
      const lang = found.defaultLanguage
      const make = async (stamp: typeof timeStamp) =>
        pdf
          ? sealPdf(bytes, seal.key, {
              name: found.name[lang],
              reason: `${SEALED[lang]} ${ON_BEHALF[lang]} ${found.name[lang]}`,
              location: found.address.city,
              at: now,
              ...(options.visible
                ? { visible: [found.name[lang], `${SEALED[lang]} · ${localDateOf(now, found.timezone)}`] }
                : {}),
              ...(stamp ? { timeStamp: stamp } : {}),
            })
          : xmlOffThread
            ? xmlOffThread(bytes, seal.key, now, stamp ? tsaUrl : null).then((r) => {
                stamped = r.stamped
                return r.bytes
              })
            : sealXml(bytes, seal.key, { at: now, ...(stamp ? { timeStamp: stamp } : {}) })
      let sealed: Buffer
      try {
        sealed = await make(timeStamp).catch((error: unknown) => {
          // The authority cannot be reached: sealed all the same, at level B, and the audit says so.
          if (error instanceof TimeStampUnavailable) return make(undefined)
          throw error
        })
      } catch (error) {
        if (error instanceof SealRefused || error instanceof NotASignature)
          throw new AppError(
            'NOT_SEALABLE',
            422,
            'Cannot be sealed',
            `The file cannot be sealed: ${(error as Error).message}.`,
          )
        throw error
      }
      const level = stamped ? 'T' : 'B'
      const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex')
      // Recorded in a transaction of its own: the log's hash chain is appended to one writer at a time.
      await inTransaction(db, (trx) =>
        audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'seal.apply',
            officeId: found.id,
            subjectType: 'office',
            subjectId: found.id,
            summary: {
              format: pdf ? 'PAdES' : 'XAdES',
              level,
              ...(tsaUrl && !stamped
                ? { timeStamp: 'the time-stamping authority could not be reached' }
                : {}),
              seal: certificateSha256(seal.key.cert),
              in: digest(bytes),
              out: digest(sealed),
            },
          }),
        ),
      )
      return {
        bytes: sealed,
        format: pdf ? 'PAdES' : 'XAdES',
        level,
        mediaType: pdf ? 'application/pdf' : 'application/xml',
      }
    },

    /** Seals a file the head uploads, for their office. */
    async seal(actor: Actor, officeId: string, bytes: Buffer, visible: boolean) {
      if (!allow(actor, sealRules.seal, { officeId })) throw forbidden()
      return service.sealFor(actor, officeId, bytes, { visible })
    },

    /** Makes the demo CA and a demo seal for each of these offices that has none (`ratusz seal init`, the demo seed). */
    initDemo(offices: readonly SealOffice[]) {
      return store.initDemo([
        ...offices.map((o) => ({
          code: o.code,
          name: o.name[o.defaultLanguage],
          country: o.address.country,
        })),
        { code: NETWORK_SEAL, name: 'Ratusz network', country: offices[0]?.address.country ?? 'PL' },
      ])
    },

    /**
     * The network's seal (kept as `NETWORK`, imported like an office's) over `statement`: a detached
     * CMS signature (CAdES-B), or null when the network has no seal.
     */
    async sealForNetwork(statement: Buffer): Promise<Buffer | null> {
      const seal = await store.seal(NETWORK_SEAL)
      return seal ? signedData(statement, seal.key, { detached: true }) : null
    },

    /** Imports an office's seal from PKCS#12 (`ratusz seal import`). */
    async importPkcs12(officeCode: string, bytes: Buffer, filePassword: string) {
      return store.importPkcs12(officeCode, bytes, filePassword)
    },

    /** The demo CA's certificate and CRL, published so that anyone can check the demo seals. */
    async demoFile(which: 'crt' | 'crl'): Promise<Buffer> {
      const files = await store.demoFiles()
      if (!files) throw notFound('Demo CA')
      return files[which]
    },
  }
  return service
}
