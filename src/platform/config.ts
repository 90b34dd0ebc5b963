import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse as parseDotenv } from 'dotenv'
import { BLOB_TYPES, type BlobType } from './blobs.js'
import { LANGUAGES, type Lang } from './i18n/languages.js'

/** Everything Ratusz reads from its environment, validated once at start. */
export interface Config {
  /** TCP port the HTTP server listens on. */
  port: number
  /** Interface to bind; `localhost` answers on both IPv4 and IPv6 loopback. */
  host: string
  /** Folder for the embedded SQLite database and other local files. */
  dataDir: string
  /** Folder of stored files (content-addressed); a shared volume when several instances run. */
  blobDir: string
  /** When set, PostgreSQL is used instead of the embedded SQLite database. */
  databaseUrl: string | null
  /** Connections in the PostgreSQL pool. */
  databasePoolSize: number
  /** PostgreSQL: the longest one statement may run (ms), 0 for no limit. */
  databaseStatementTimeoutMs: number
  /**
   * PostgreSQL: statements are prepared once per connection under a name (off behind a pooler that
   * cannot keep them, e.g. PgBouncer in transaction mode before 1.21).
   */
  databaseNamedStatements: boolean
  /** Seed the demo network into an empty database. */
  demo: boolean
  /** Password for the bootstrap `admin` user, created at start when no `admin` exists. */
  adminPassword: string | null
  /** pino log level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Language used when neither the URL, a cookie nor the browser chooses one. */
  defaultLanguage: Lang
  /** The address residents use, e.g. `https://e-office.lviv.example`; `https` there turns on secure cookies. */
  publicUrl: string
  /** Trust `X-Forwarded-*` from a reverse proxy in front of Ratusz. */
  trustProxy: boolean
  /** Require a second factor for admin and coordinator accounts. */
  require2fa: boolean
  /** Largest accepted request body in bytes. */
  bodyLimit: number
  /** Run background and scheduled jobs in this instance (off for instances that only answer requests). */
  runJobs: boolean
  /** Largest uploaded file (a scan, a return receipt) in bytes; streamed, never held in memory. */
  uploadMaxBytes: number
  /** The kinds of uploaded file accepted, told by their first bytes (pdf, png, jpeg, xml, text, zip, der). */
  uploadTypes: readonly BlobType[]
  /** How register numbers are written, per network: `<n>`, `<yyyy>` and `<office>` (the office's code). */
  registerNumbers: { incoming: string; outgoing: string }
  /** How case signs are written, per network: `<unit>.<symbol>.<n>.<yyyy>` (PL) or e.g. `<symbol>/<n>` (UA). */
  caseSign: string
  /** Where e-mail is sent (`smtp://user:pass@host:587`, `smtps://…:465`); null: notifications stay in the staff list only. */
  smtpUrl: string | null
  /** The sender of the e-mail Ratusz sends: `Ratusz <no-reply@example.org>`. */
  mailFrom: string
  /** How long the validation of one signed file may take before its worker is stopped (a hostile file). */
  validationTimeoutMs: number
  /** Signature validation checks revocation online (CRLs over HTTP) or not at all (`offline`: INDETERMINATE, honestly). */
  revocation: 'online' | 'offline'
  /** Years an office keeps category A records before transferring them to the state archive. */
  archiveTransferYears: number
  /** Where requests for public information go in each Polish office: its unit's code and the class's symbol. */
  informationRequests: { unit: string; symbol: string }
  /** The term of a Ukrainian administrative service whose card names none (ISO 8601, days, weeks or months). */
  uaServiceTerm: string
  /** The password of the offices' seal keys (PKCS#12 in `<dataDir>/seals`); null: only demo seals work. Never logged. */
  sealPassword: string | null
  /**
   * A bearer token `/metrics` requires (Prometheus's `authorization` in its scrape config); null: the
   * metrics are open to whoever reaches the port (restrict them at the proxy: docs/security.md).
   */
  metricsToken: string | null
  /** An RFC 3161 time-stamping authority: seals made with it reach level T; null: level B. */
  tsaUrl: string | null
  /**
   * Residents' sign-in by OpenID Connect (authorization code + PKCE), as login.gov.pl or Diia.ID would
   * be connected: the provider's issuer, this client's id and secret, the name on the button, and the
   * claims that carry a verified PESEL or РНОКПП. Null: no provider (residents sign in by e-mail links).
   */
  oidc: {
    issuer: string
    clientId: string
    clientSecret: string | null
    name: string
    scope: string
    peselClaim: string
    rnokppClaim: string
  } | null
  /** Serve a demo OpenID Connect provider at /demo-idp (any PESEL or РНОКПП signs in): trials only. */
  demoOidc: boolean
  /** Compress answers (brotli, gzip) for clients that accept it; off when the proxy compresses. */
  compression: boolean
  /**
   * The cost of hashing a staff password (argon2id): memory in KiB, passes and lanes. The defaults
   * are OWASP's baseline (19 MiB, 2 passes, 1 lane); anything weaker than OWASP's table is refused
   * unless `NODE_ENV=test`, where the test suite hashes at the cheapest cost argon2 allows.
   */
  passwordHashing: PasswordHashing
}

/** argon2id's cost parameters for staff passwords. */
export interface PasswordHashing {
  memoryKiB: number
  passes: number
  parallelism: number
}

/**
 * OWASP's argon2id configurations (Password Storage Cheat Sheet), each as strong as the others: the
 * fewer KiB of memory, the more passes it takes. A setting is strong enough when some row's memory
 * and passes are both reached.
 */
export const OWASP_ARGON2ID: readonly { memoryKiB: number; passes: number }[] = [
  { memoryKiB: 47_104, passes: 1 },
  { memoryKiB: 19_456, passes: 2 },
  { memoryKiB: 12_288, passes: 3 },
  { memoryKiB: 9_216, passes: 4 },
  { memoryKiB: 7_168, passes: 5 },
]

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/**
 * Reads configuration from `env`, filling gaps from a `.env` file in `cwd` (real environment wins).
 * Collects every problem before failing so an operator fixes them in one go.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const merged: Env = { ...readDotenv(cwd), ...env }
  const problems: string[] = []
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | string): T => {
    const raw = merged[name]
    if (raw === undefined || raw === '') return fallback
    const result = parse(raw.trim())
    if (typeof result === 'string' && result.startsWith('\u0000')) {
      problems.push(`${name}: expected ${result.slice(1)}, got ${JSON.stringify(raw)}`)
      return fallback
    }
    return result as T
  }

  const port = read('PORT', 3000, integer(0, 65535))
  const dataDir = resolve(cwd, read('RATUSZ_DATA_DIR', './data', nonEmpty))
  const config: Config = {
    port,
    host: read('HOST', 'localhost', nonEmpty),
    dataDir,
    blobDir: resolve(cwd, read('RATUSZ_BLOB_DIR', join(dataDir, 'blobs'), nonEmpty)),
    databaseUrl: read<string | null>('DATABASE_URL', null, postgresUrl),
    databasePoolSize: read('DATABASE_POOL_SIZE', 10, integer(1, 500)),
    databaseStatementTimeoutMs: read('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, integer(0, 3_600_000)),
    databaseNamedStatements: read('DATABASE_NAMED_STATEMENTS', true, boolean),
    demo: read('RATUSZ_DEMO', true, boolean),
    adminPassword: read<string | null>('RATUSZ_ADMIN_PASSWORD', null, password),
    logLevel: read(
      'LOG_LEVEL',
      'info' as Config['logLevel'],
      oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    ),
    defaultLanguage: read('RATUSZ_DEFAULT_LANGUAGE', 'uk' as Lang, oneOf(LANGUAGES)),
    publicUrl: read('RATUSZ_PUBLIC_URL', `http://localhost:${port}`, httpUrl),
    trustProxy: read('RATUSZ_TRUST_PROXY', false, boolean),
    require2fa: read('RATUSZ_REQUIRE_2FA', false, boolean),
    bodyLimit: read('RATUSZ_BODY_LIMIT', 1024 * 1024, integer(1024, 1024 * 1024 * 1024)),
    runJobs: read('RATUSZ_JOBS', true, boolean),
    uploadMaxBytes: read('RATUSZ_UPLOAD_MAX_BYTES', 250 * 1024 * 1024, integer(1024, 1024 * 1024 * 1024)),
    uploadTypes: read('RATUSZ_UPLOAD_TYPES', ['pdf', 'png', 'jpeg', 'xml', 'text'] as BlobType[], blobTypes),
    registerNumbers: {
      incoming: read('RATUSZ_INCOMING_NUMBER', 'RPW/<n>/<yyyy>', numberTemplate),
      outgoing: read('RATUSZ_OUTGOING_NUMBER', '<n>/<yyyy>', numberTemplate),
    },
    caseSign: read('RATUSZ_CASE_SIGN', '<unit>.<symbol>.<n>.<yyyy>', caseSignTemplate),
    uaServiceTerm: read('RATUSZ_UA_SERVICE_TERM', 'P30D', termOfDays),
    archiveTransferYears: read('RATUSZ_ARCHIVE_TRANSFER_YEARS', 25, integer(0, 100)),
    validationTimeoutMs: read('RATUSZ_VALIDATION_TIMEOUT_MS', 20_000, integer(1000, 600_000)),
    revocation: read<'online' | 'offline'>('RATUSZ_REVOCATION', 'online', (raw) =>
      raw === 'online' || raw === 'offline' ? raw : expected('online or offline'),
    ),
    informationRequests: {
      unit: read('RATUSZ_INFO_REQUEST_UNIT', 'OR', (raw) =>
        /^[\w.-]{1,20}$/.test(raw) ? raw : expected('a unit code'),
      ),
      symbol: read('RATUSZ_INFO_REQUEST_CLASS', '016', (raw) =>
        /^[\w.-]{1,20}$/.test(raw) ? raw : expected('a class symbol of the classification'),
      ),
    },
    smtpUrl: read<string | null>('RATUSZ_SMTP_URL', null, smtpUrl),
    sealPassword:
      read<string | null>('RATUSZ_SEAL_PASSWORD', null, password) ??
      readSecretFile(merged.RATUSZ_SEAL_PASSWORD_FILE, cwd, problems),
    metricsToken:
      read<string | null>('RATUSZ_METRICS_TOKEN', null, password) ??
      readSecretFile(merged.RATUSZ_METRICS_TOKEN_FILE, cwd, problems, 'RATUSZ_METRICS_TOKEN_FILE'),
    tsaUrl: read<string | null>('RATUSZ_TSA_URL', null, httpUrl),
    demoOidc: read('RATUSZ_DEMO_OIDC', false, boolean),
    compression: read('RATUSZ_COMPRESSION', true, boolean),
    passwordHashing: {
      memoryKiB: read('RATUSZ_ARGON2_MEMORY_KIB', 19_456, integer(8, 4 * 1024 * 1024)),
      passes: read('RATUSZ_ARGON2_PASSES', 2, integer(1, 100)),
      parallelism: read('RATUSZ_ARGON2_PARALLELISM', 1, integer(1, 16)),
    },
    oidc: null,
    mailFrom: read('RATUSZ_MAIL_FROM', 'Ratusz <no-reply@localhost>', (raw) =>
      raw.length <= 200 && /@/.test(raw) ? raw : expected('an address, e.g. Ratusz <no-reply@example.org>'),
    ),
  }
  const claim = (raw: string) => (/^[\w.:-]{1,100}$/.test(raw) ? raw : expected('a claim name'))
  const issuer = read<string | null>('RATUSZ_OIDC_ISSUER', null, httpUrl)
  if (issuer)
    config.oidc = {
      issuer,
      clientId: read('RATUSZ_OIDC_CLIENT_ID', '', nonEmpty),
      clientSecret:
        read<string | null>('RATUSZ_OIDC_CLIENT_SECRET', null, nonEmpty) ??
        readSecretFile(
          merged.RATUSZ_OIDC_CLIENT_SECRET_FILE,
          cwd,
          problems,
          'RATUSZ_OIDC_CLIENT_SECRET_FILE',
        ),
      name: read('RATUSZ_OIDC_NAME', 'login.gov.pl', (raw) =>
        raw.length <= 60 ? raw : expected('a short name'),
      ),
      scope: read('RATUSZ_OIDC_SCOPE', 'openid profile email', nonEmpty),
      peselClaim: read('RATUSZ_OIDC_PESEL_CLAIM', 'pesel', claim),
      rnokppClaim: read('RATUSZ_OIDC_RNOKPP_CLAIM', 'rnokpp', claim),
    }
  const hashing = config.passwordHashing
  if (hashing.memoryKiB < 8 * hashing.parallelism)
    problems.push(
      'RATUSZ_ARGON2_MEMORY_KIB: expected at least 8 KiB for each lane (RATUSZ_ARGON2_PARALLELISM)',
    )
  else if (merged.NODE_ENV !== 'test' && !strongEnough(hashing))
    problems.push(
      `RATUSZ_ARGON2_MEMORY_KIB, RATUSZ_ARGON2_PASSES: expected at least one of OWASP's argon2id settings (${OWASP_ARGON2ID.map((row) => `${row.memoryKiB} KiB × ${row.passes}`).join(', ')}), got ${hashing.memoryKiB} KiB × ${hashing.passes}`,
    )
  if (config.oidc && !config.oidc.clientId)
    problems.push('RATUSZ_OIDC_CLIENT_ID: required with RATUSZ_OIDC_ISSUER')
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}

/**
 * The identity provider residents sign in with: the configured one, else the demo provider Ratusz
 * serves itself at /demo-idp when `RATUSZ_DEMO_OIDC` is on, else none.
 */
export function residentIdentityProvider(config: Pick<Config, 'oidc' | 'demoOidc' | 'publicUrl'>) {
  if (config.oidc) return config.oidc
  if (!config.demoOidc) return null
  return {
    issuer: `${config.publicUrl}/demo-idp`,
    clientId: 'ratusz-demo',
    clientSecret: 'ratusz-demo-secret',
    name: 'Demo ID (not a real identity)',
    scope: 'openid profile email',
    peselClaim: 'pesel',
    rnokppClaim: 'rnokpp',
  }
}

function strongEnough(hashing: PasswordHashing): boolean {
  return OWASP_ARGON2ID.some((row) => hashing.memoryKiB >= row.memoryKiB && hashing.passes >= row.passes)
}

/** A secret kept in a file (a Docker or systemd secret): its first line; a problem when it cannot be read. */
function readSecretFile(
  path: string | undefined,
  cwd: string,
  problems: string[],
  name = 'RATUSZ_SEAL_PASSWORD_FILE',
): string | null {
  if (!path) return null
  try {
    const secret = readFileSync(resolve(cwd, path), 'utf8').split(/\r?\n/)[0] ?? ''
    if (secret.length >= 12) return secret
    problems.push(`${name}: expected a file whose first line is a secret of at least 12 characters`)
  } catch {
    problems.push(`${name}: cannot read ${path}`)
  }
  return null
}

function readDotenv(cwd: string): Env {
  const file = resolve(cwd, '.env')
  return existsSync(file) ? parseDotenv(readFileSync(file)) : {}
}

// A parser returns the value, or a string starting with NUL that says what was expected.
const expected = (what: string) => `\u0000${what}`

const nonEmpty = (raw: string) => raw

function integer(min: number, max: number) {
  return (raw: string): number | string => {
    const n = Number(raw)
    return /^\d+$/.test(raw) && n >= min && n <= max ? n : expected(`a whole number from ${min} to ${max}`)
  }
}

function boolean(raw: string): boolean | string {
  const v = raw.toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(v)) return true
  if (['0', 'false', 'no', 'off'].includes(v)) return false
  return expected('1 or 0 (true/false, yes/no, on/off)')
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T | string =>
    (values as readonly string[]).includes(raw) ? (raw as T) : expected(`one of ${values.join(', ')}`)
}

// Not checked with URL(): libpq's socket form `postgresql://user@/db?host=/run/postgresql` has no host.
function postgresUrl(raw: string): string {
  if (/^postgres(ql)?:\/\/\S*$/.test(raw)) return raw
  return expected('a PostgreSQL URL such as postgres://user:password@host:5432/ratusz')
}

function httpUrl(raw: string): string {
  try {
    const url = new URL(raw)
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/+$/, '')
  } catch {}
  return expected('an http:// or https:// address')
}

function password(raw: string): string {
  return raw.length >= 12 ? raw : expected('a password of at least 12 characters')
}

function blobTypes(raw: string): BlobType[] | string {
  const types = raw.split(',').map((t) => t.trim())
  return types.length > 0 && types.every((t) => (BLOB_TYPES as readonly string[]).includes(t))
    ? (types as BlobType[])
    : expected(`a comma-separated list of ${BLOB_TYPES.join(', ')}`)
}

/** A register number's template: `<n>` and `<yyyy>` once each, `<office>` at most once, nothing else in <>. */
function numberTemplate(raw: string): string {
  const count = (token: string) => raw.split(token).length - 1
  const unknown = raw.replace(/<(n|yyyy|office)>/g, '').match(/[<>]/)
  return count('<n>') === 1 && count('<yyyy>') === 1 && count('<office>') <= 1 && !unknown && raw.length <= 60
    ? raw
    : expected('a template with <n> and <yyyy> once each and optionally <office>, e.g. RPW/<n>/<yyyy>')
}

/** An SMTP server's URL: `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start). */
function smtpUrl(raw: string): string {
  try {
    const url = new URL(raw)
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname
      ? raw
      : expected('smtp://host:port or smtps://host:port')
  } catch {
    return expected('smtp://host:port or smtps://host:port')
  }
}

/** A term the deadline engine counts: `P30D`, `P2W`, `P1M`. */
function termOfDays(raw: string): string {
  return /^P[1-9][0-9]{0,3}[DWM]$/.test(raw) ? raw : expected('a term in days, weeks or months, e.g. P30D')
}

/** A case sign's template: `<symbol>` and `<n>` once each, `<unit>` and `<yyyy>` at most once. */
function caseSignTemplate(raw: string): string {
  const count = (token: string) => raw.split(token).length - 1
  const unknown = raw.replace(/<(unit|symbol|n|yyyy)>/g, '').match(/[<>]/)
  return count('<symbol>') === 1 &&
    count('<n>') === 1 &&
    count('<unit>') <= 1 &&
    count('<yyyy>') <= 1 &&
    !unknown &&
    raw.length <= 60
    ? raw
    : expected(
        'a template with <symbol> and <n> once each, optionally <unit> and <yyyy>, e.g. <unit>.<symbol>.<n>.<yyyy>',
      )
}
