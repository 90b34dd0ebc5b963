import { Type } from 'typebox'
import { Id, Instant } from '../../platform/http/schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

const CertificateInfo = Type.Object({
  subject: Type.String(),
  issuer: Type.String(),
  serial: Type.String({ description: 'Hexadecimal' }),
  notBefore: Instant,
  notAfter: Instant,
  sha256: Type.String(),
  identifiers: Type.Array(
    Type.Object({ kind: Type.String({ description: 'PESEL, РНОКПП, VATPL…' }), value: Type.String() }),
  ),
})

export const SignatureReportDto = Type.Object({
  format: Type.Enum(['CAdES', 'XAdES', 'PAdES']),
  indication: Type.Enum(['TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED'], {
    description: 'ETSI EN 319 102-1: passed, cannot be decided with what is known, or failed',
  }),
  subIndication: Nullable(
    Type.String({
      description: 'HASH_FAILURE, SIG_CRYPTO_FAILURE, NO_CERTIFICATE_CHAIN_FOUND, OUT_OF_BOUNDS_NO_POE…',
    }),
  ),
  level: Nullable(Type.Enum(['B', 'T', 'LT', 'LTA'])),
  signer: Nullable(CertificateInfo),
  signingTime: Nullable(Type.String({ description: 'The time the signer claims' })),
  timestamps: Type.Array(
    Type.Object({
      time: Nullable(Type.String({ format: 'date-time' })),
      indication: Type.Enum(['PASSED', 'FAILED', 'INDETERMINATE']),
      subIndication: Nullable(Type.String()),
      tsa: Nullable(Type.String({ description: 'The time-stamping authority' })),
    }),
    { description: 'RFC 3161 signature time-stamps, each judged; only passing ones prove a time' },
  ),
  signatureAlgorithm: Nullable(Type.String()),
  digestAlgorithm: Nullable(Type.String()),
  signedDataDigest: Nullable(Type.Object({ algorithm: Type.String(), value: Type.String() })),
  chain: Type.Array(CertificateInfo),
  detail: Type.String({ description: 'What the outcome means, in words' }),
})

export const ValidationDto = Type.Object({
  valid: Type.Boolean({ description: 'Every signature TOTAL_PASSED' }),
  signatures: Type.Array(SignatureReportDto),
})

export const AnchorDto = Type.Object({
  id: Id,
  subject: Type.String(),
  issuer: Type.String(),
  serial: Type.String(),
  sha256: Type.String(),
  notBefore: Instant,
  notAfter: Instant,
  source: Type.String({ description: 'The file it came from' }),
  createdAt: Instant,
  createdBy: Type.String(),
})

export const AnchorsAddedDto = Type.Object({
  id: Id,
  subject: Type.String(),
  added: Type.Array(AnchorDto, { description: 'Every certificate of the file newly trusted' }),
})

/** An office's seal, as the office's staff may see it. */
export const SealDto = Type.Object({
  officeId: Id,
  subject: Type.String(),
  issuer: Type.String(),
  serial: Type.String(),
  sha256: Type.String({ description: "The seal certificate's SHA-256" }),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
  algorithm: Type.Enum(['RSA', 'ECDSA']),
  demo: Type.Boolean({
    description: 'Made by the demo CA (`ratusz seal init`): trusted by nobody who has not added it',
  }),
  timeStamped: Type.Boolean({ description: 'Seals are time-stamped by the configured authority (level T)' }),
})

export const SealQuery = Type.Object(
  {
    visible: Type.Boolean({ default: true, description: 'A PDF seal drawn at the foot of the last page' }),
  },
  { additionalProperties: false },
)
