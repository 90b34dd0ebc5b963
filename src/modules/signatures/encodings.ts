import type * as pkijs from 'pkijs'

/** The digest algorithms signatures name by OID (CMS, time-stamps, ESS): node:crypto's name and the report's. */
export const DIGEST_OIDS: Record<string, { node: string; name: string }> = {
  '1.3.14.3.2.26': { node: 'sha1', name: 'SHA-1' },
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', name: 'SHA-256' },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', name: 'SHA-384' },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', name: 'SHA-512' },
}

/** The same digests as XML signatures name them by URI: node:crypto's name. */
export const DIGEST_URIS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
}

/** A certificate's DER, as it was read (its original encoding kept). */
export const derOf = (cert: pkijs.Certificate) => Buffer.from(cert.toSchema(true).toBER(false))

/** asn1js's bytes as a Buffer. */
export const bytesOf = (view: ArrayBuffer | Uint8Array) =>
  Buffer.from(view instanceof Uint8Array ? view : new Uint8Array(view))
