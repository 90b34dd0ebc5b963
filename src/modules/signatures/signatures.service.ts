import { createHash } from 'node:crypto'
import type * as pkijs from 'pkijs'
import type { AuditTrail } from '../../platform/audit-trail.js'
import { TtlCache } from '../../platform/cache.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, inTransaction } from '../../platform/db/index.js'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type Actor, allow, auditRecordBy, rules } from '../identity/index.js'
import { certificatesIn, describe } from './certificates.js'
import type { SigningKey } from './cms-signing.js'
import { NotASignature } from './cms-validation.js'
import type { SignatureReport } from './report.js'
import { SealRefused } from './seal-pades.js'
import type { SealStore } from './seal-store.js'
import { xmlSealingKey } from './seal-xades.js'
import { TimeStampUnavailable } from './time-stamps.js'
import * as repo from './trust.repository.js'
import type { TrustAnchorRow } from './trust.tables.js'
import { readTrustedList } from './trusted-list.js'
import { ValidationTimedOut, validationPool } from './validation-pool.js'
import type { ValidationOutcome } from './validation-worker.js'

/** The network's admins keep the trust store. */
const trustRule = rules.role('admin')
const NETWORK = { officeId: null }

const anchorDto = (r: TrustAnchorRow) => ({
  id: r.id,
  subject: r.subject,
  issuer: r.issuer,
  serial: r.serial,
  sha256: r.sha256,
  notBefore: r.notBefore,
  notAfter: r.notAfter,
  source: r.source,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
})

export type SignaturesService = ReturnType<typeof createSignaturesService>

/**
 * Signatures: the trust store of anchors the network trusts, and validation of signed files with
 * an ETSI EN 319 102-1 report per signature: CAdES, XAdES and PAdES.
 */
export function createSignaturesService(
  db: Db,
  clock: Clock,
  audit: AuditTrail,
  config: { revocation: 'online' | 'offline'; validationTimeoutMs: number },
  seals: Pick<SealStore, 'localCrlFile'>,
) {
  const pool = validationPool({ timeoutMs: config.validationTimeoutMs })
  // The trust store as validations use it, read once and kept until this instance changes it (another
  // instance's change is seen within ten seconds).
  const anchors = new TtlCache<{ key: string; ders: string[] }>({ ttlMs: 10_000, maxEntries: 1, clock })
  const trustStore = () =>
    anchors.getOrLoad('store', async () => {
      const rows = await repo.listAnchors(db)
      const ids = rows.map((r) => r.id).join(' ')
      return { key: createHash('sha256').update(ids).digest('hex'), ders: rows.map((r) => r.der) }
    })

  const service = {
    /**
     * Adds the certificates of a file to the trust store: one certificate (DER or PEM), several PEM
     * certificates, or a PKCS#7 bundle. 422 when it holds none; 409 when all are there already.
     */
    async addAnchors(actor: Actor, file: { bytes: Buffer; name: string | undefined }) {
      if (!allow(actor, trustRule, NETWORK)) throw forbidden()
      let certs: pkijs.Certificate[]
      let source = (file.name ?? 'upload').slice(0, 200)
      if (file.bytes.subarray(0, 64).toString('latin1').trimStart().startsWith('<')) {
        // A trusted list (ETSI TS 119 612): its CA and TSA services' certificates.
        const list = await readTrustedList(file.bytes, clock.now()).catch((error: unknown) => {
          const why = error instanceof NotASignature ? error.message : 'it cannot be read'
          throw invalid([{ path: 'body.file', message: `is not a usable trusted list: ${why}` }])
        })
        certs = list.certificates
        source =
          `trusted list ${list.territory} (${list.operator}), signed by ${list.signedBy ?? 'nobody known'}`.slice(
            0,
            200,
          )
      } else certs = certificatesIn(file.bytes)
      if (certs.length === 0)
        throw invalid([
          {
            path: 'body.file',
            message: 'holds no certificate (DER, PEM, a PKCS#7 bundle, or a trusted list)',
          },
        ])
      const at = clock.now().toISOString()
      const rows = certs.map((c): TrustAnchorRow => {
        const info = describe(c)
        return {
          id: newId(),
          sha256: info.sha256,
          subject: info.subject,
          issuer: info.issuer,
          serial: info.serial,
          notBefore: info.notBefore,
          notAfter: info.notAfter,
          der: Buffer.from(c.toSchema(true).toBER(false)).toString('base64'),
          source,
          createdAt: at,
          createdBy: actor.login,
        }
      })
      const added = await inTransaction(db, async (trx) => {
        const fresh = await repo.insertNew(trx, rows)
        for (const a of fresh)
          await audit.record(
            trx,
            auditRecordBy(actor, {
              action: 'trust.anchor-add',
              officeId: null,
              subjectType: 'trust-anchor',
              subjectId: a.id,
              summary: { subject: a.subject, sha256: a.sha256, source: a.source },
            }),
          )
        return fresh
      })
      anchors.clear()
      if (added.length === 0)
        throw conflict(
          'ANCHOR_EXISTS',
          'Already trusted',
          'Every certificate in the file is in the trust store.',
        )
      const [first] = added as [TrustAnchorRow]
      return { id: first.id, subject: first.subject, added: added.map(anchorDto) }
    },

    async listAnchors(actor: Actor) {
      if (!allow(actor, trustRule, NETWORK)) throw forbidden()
      return { items: (await repo.listAnchors(db)).map(anchorDto) }
    },

    async removeAnchor(actor: Actor, id: string) {
      if (!allow(actor, trustRule, NETWORK)) throw forbidden()
      await inTransaction(db, async (trx) => {
        const found = await repo.findAnchor(trx, id)
        if (!found || !(await repo.deleteAnchor(trx, id))) throw notFound('Trust anchor')
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'trust.anchor-remove',
            officeId: null,
            subjectType: 'trust-anchor',
            subjectId: id,
            summary: { subject: found.subject, sha256: found.sha256 },
          }),
        )
      })
      anchors.clear()
    },

    /**
     * The signatures of a stored file (a case document's PDF or XML) in short: format, outcome,
     * signer, identifiers, time. Empty when the file is not signed or cannot be read as signed.
     */
    async signaturesIn(file: Buffer) {
      try {
        const { signatures } = await service.validate(file, null)
        return signatures.map((s) => ({
          format: s.format,
          indication: s.indication,
          subIndication: s.subIndication,
          signer: s.signer?.subject ?? null,
          identifiers: s.signer?.identifiers ?? [],
          signingTime: s.signingTime,
        }))
      } catch (error) {
        if (error instanceof AppError && error.status === 422) return []
        throw error
      }
    },

    /**
     * Validates a signed file (with its detached data when there is some) against the trust store:
     * `valid` only when every signature passed. Not a signature, or malformed: 422.
     */
    async validate(
      file: Buffer,
      data: Buffer | null,
    ): Promise<{ valid: boolean; signatures: SignatureReport[] }> {
      const store = await trustStore()
      let outcome: ValidationOutcome
      try {
        const task = {
          file: new Uint8Array(file),
          data: data ? new Uint8Array(data) : null,
          anchors: { key: store.key, ders: null },
          now: clock.now().toISOString(),
          revocation: config.revocation,
          localCrl: seals.localCrlFile(),
        }
        // The certificates cross to a worker only when it does not hold this version of the store yet.
        outcome = await pool.run(task)
        if (!outcome.ok && outcome.anchorsWanted)
          outcome = await pool.run({ ...task, anchors: { key: store.key, ders: store.ders } })
      } catch (error) {
        if (!(error instanceof ValidationTimedOut)) throw error
        outcome = { ok: false, reason: error.message }
      }
      // Anything the parsers could not make sense of is the file's fault: a clear 422, never a 500.
      if (!outcome.ok)
        throw new AppError(
          'NOT_A_SIGNATURE',
          422,
          'Not a signed file',
          `The file is not a signature: ${outcome.reason}.`,
        )
      return { valid: outcome.valid, signatures: outcome.signatures }
    },

    /**
     * Seals an XML document with `key` in a validation worker (off the main thread), time-stamped by
     * `tsaUrl` when given; `TimeStampUnavailable` when the authority cannot be reached (the caller
     * seals at level B), `SealRefused` when the document cannot be sealed.
     */
    async sealXmlOffThread(xml: Buffer, key: SigningKey, at: Date, tsaUrl: string | null) {
      const prepared = await xmlSealingKey(key)
      const outcome = await pool.seal({
        xml: new Uint8Array(xml),
        key: { ...prepared, certDers: prepared.certDers.map((d) => new Uint8Array(d)) },
        at: at.toISOString(),
        tsaUrl,
      })
      if (outcome.ok) return { bytes: Buffer.from(outcome.bytes), stamped: outcome.stamped }
      if (outcome.timeStampUnavailable) throw new TimeStampUnavailable(outcome.reason)
      throw new SealRefused(outcome.reason)
    },

    /** Stops the validation workers (the app is closing). */
    close: () => pool.close(),
  }
  return service
}
