import { createSign, createVerify, type KeyLike } from 'node:crypto'
import type { SignedXml } from 'xml-crypto'

/**
 * ECDSA for XML signatures (RFC 4051 `ecdsa-sha256/384/512`), which xml-crypto lacks: node:crypto
 * signs and verifies, the value written as XMLDSig wants it (r and s side by side, not DER).
 */
function ecdsa(hash: 'SHA256' | 'SHA384' | 'SHA512') {
  const name = `http://www.w3.org/2001/04/xmldsig-more#ecdsa-${hash.toLowerCase()}`
  return class {
    getAlgorithmName = () => name
    getSignature = (signedInfo: string | Buffer, privateKey: KeyLike) =>
      createSign(hash)
        .update(signedInfo)
        .sign({ key: privateKey as string, dsaEncoding: 'ieee-p1363' }, 'base64')
    verifySignature = (material: string, key: KeyLike, signatureValue: string) =>
      createVerify(hash)
        .update(material)
        .verify({ key: key as string, dsaEncoding: 'ieee-p1363' }, signatureValue, 'base64')
  }
}

const ECDSA = {
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': ecdsa('SHA256'),
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': ecdsa('SHA384'),
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': ecdsa('SHA512'),
}

/** The signer or checker, able to use ECDSA as well as RSA. */
export function withEcdsa(signed: SignedXml): SignedXml {
  Object.assign(signed.SignatureAlgorithms, ECDSA)
  return signed
}
