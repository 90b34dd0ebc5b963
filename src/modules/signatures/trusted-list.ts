import type { Element } from '@xmldom/xmldom'
import * as pkijs from 'pkijs'
import { parseDer } from './certificates.js'
import { NotASignature } from './cms-validation.js'
import { parseSafely, validateXades } from './xades-validation.js'

const TSL = 'http://uri.etsi.org/02231/v2#'
/** Service statuses under which a service's certificate is trusted (eIDAS, and the statuses before it). */
const TRUSTED_STATUS =
  /\/Svcstatus\/(granted|recognisedatnationallevel|accredited|undersupervision|supervisionincessation)$/
/** Kinds of service whose certificates become anchors: certification authorities and time-stamping authorities. */
const ANCHOR_TYPES = /\/Svctype\/(CA\/QC|CA\/PKC|TSA(\/.*)?|NationalRootCA-QC)$/

const all = (parent: Element | ReturnType<typeof parseSafely>['doc'], name: string): Element[] =>
  Array.from(parent.getElementsByTagNameNS(TSL, name)) as unknown as Element[]
const text = (e: Element | undefined) => (e?.textContent ?? '').trim()

/** What a trusted list gave: its territory and operator, who signed it, and its services' certificates. */
export interface TrustedList {
  territory: string
  operator: string
  signedBy: string | null
  certificates: pkijs.Certificate[]
}

/**
 * Reads a trusted list (ETSI TS 119 612: a member state's list, or another in its format): the
 * certificates of its CA and TSA services whose current status is trusted (granted and the like;
 * withdrawn ones are left out). The list must be XML as safe as any signature file, and signed, with
 * a signature that is intact (its data and value; who signed it is reported for the admin to judge,
 * since the EU list of lists that names the signers is not fetched here).
 */
export async function readTrustedList(bytes: Buffer, now: Date): Promise<TrustedList> {
  const { doc } = parseSafely(bytes)
  const root = doc.documentElement as unknown as Element | null
  if (!root || root.localName !== 'TrustServiceStatusList' || root.namespaceURI !== TSL)
    throw new NotASignature('not a trusted list (TrustServiceStatusList)')
  let reports: Awaited<ReturnType<typeof validateXades>>
  try {
    reports = await validateXades(bytes, [], now)
  } catch {
    throw new NotASignature('a trusted list that is not signed')
  }
  const report = reports[0]
  if (!report || report.indication === 'TOTAL_FAILED' || report.subIndication === 'SIGNED_DATA_NOT_FOUND')
    throw new NotASignature(
      `a trusted list whose signature does not hold (${report?.subIndication ?? 'none'})`,
    )
  const certificates: pkijs.Certificate[] = []
  for (const service of all(root, 'TSPService')) {
    const info = all(service, 'ServiceInformation')[0]
    if (!info) continue
    if (!ANCHOR_TYPES.test(text(all(info, 'ServiceTypeIdentifier')[0]))) continue
    if (!TRUSTED_STATUS.test(text(all(info, 'ServiceStatus')[0]))) continue
    for (const id of all(info, 'X509Certificate')) {
      const asn = parseDer(Buffer.from(text(id).replace(/\s+/g, ''), 'base64'))
      if (!asn) continue
      try {
        certificates.push(new pkijs.Certificate({ schema: asn }))
      } catch {}
    }
  }
  if (certificates.length === 0 && all(root, 'OtherTSLPointer').length > 0)
    throw new NotASignature(
      'the list of trusted lists names other lists and no services: load the national trusted lists it points to (their TSLLocation) one by one',
    )
  return {
    territory: text(all(root, 'SchemeTerritory')[0]),
    operator: text(all(all(root, 'SchemeOperatorName')[0] ?? root, 'Name')[0]),
    signedBy: report.signer?.subject ?? null,
    certificates,
  }
}
