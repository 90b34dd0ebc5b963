import { join } from 'node:path'
import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import {
  appointmentsRoutes,
  createAppointmentsService,
  createSlotTemplatesService,
  slotTemplatesRoutes,
} from '../modules/appointments/index.js'
import { auditRoutes, createAuditService } from '../modules/audit/index.js'
import { calendarRoutes, createCalendarService } from '../modules/calendar/index.js'
import {
  caseDocumentsRoutes,
  casesRoutes,
  classificationRoutes,
  createCasesService,
  createClassificationService,
  READ_TEXT_JOB,
  retentionRoutes,
} from '../modules/cases/index.js'
import { CATALOGUE_EVENTS, catalogueRoutes, createCatalogueService } from '../modules/catalogue/index.js'
import { createDeadlinesService, deadlinesRoutes } from '../modules/deadlines/index.js'
import {
  createApplicationsService,
  createResidentsService,
  eservicesRoutes,
  oidcSignIn,
  RESIDENT_MAIL_JOB,
  SEAL_RECEIPT_JOB,
  verifyReceipt,
} from '../modules/eservices/index.js'
import {
  authenticationPlugin,
  createSignInService,
  createUsersService,
  identityRoutes,
  passwordHasher,
  staffPagesPlugin,
  usersRoutes,
} from '../modules/identity/index.js'
import {
  createInformationRequestsService,
  informationRequestsRoutes,
} from '../modules/information-requests/index.js'
import {
  createNotificationsService,
  createReminders,
  notificationsRoutes,
} from '../modules/notifications/index.js'
import { createOfficesService, OFFICE_EVENTS, officesRoutes } from '../modules/offices/index.js'
import { BoardHub, createQueueService, QUEUE_EVENTS, queueRoutes } from '../modules/queue/index.js'
import {
  CHECK_SIGNATURES_JOB,
  createRegistryService,
  registerFilesRoutes,
  registryRoutes,
} from '../modules/registry/index.js'
import {
  createSealsService,
  createSignaturesService,
  sealStore,
  sealsRoutes,
  signaturesRoutes,
} from '../modules/signatures/index.js'
import { fileBlobStore } from '../platform/blobs.js'
import { type Clock, systemClock } from '../platform/clock.js'
import { type Config, residentIdentityProvider } from '../platform/config.js'
import type { Database } from '../platform/db/index.js'
import { AppError, invalid } from '../platform/errors.js'
import { relayEvents } from '../platform/event-relay.js'
import { EventBus } from '../platform/events.js'
import type { AppInstance } from '../platform/http/app-instance.js'
import { answerNotModified } from '../platform/http/conditional-get.js'
import { findHostileInput } from '../platform/http/input-guard.js'
import { ProblemSchema } from '../platform/http/schemas.js'
import { JobRunner, JobStore } from '../platform/jobs/index.js'
import { smtpMailer } from '../platform/mail.js'
import { InTransactionReactions } from '../platform/reactions.js'
import { SearchIndex } from '../platform/search/search-index.js'
import { ASSETS_DIR } from '../web/assets-manifest.js'
import { registerCompression } from './compression.js'
import { deadlinesPageRoutes } from './deadlines/deadlines-staff.routes.js'
import { duePageRoutes } from './deadlines/due.routes.js'
import { clientErrorHandler, errorHandler, frameworkErrorHandler, notFoundHandler } from './error-handling.js'
import { errorTypesRoutes } from './error-types/error-types.routes.js'
import { applicationPorts, sealOwnerOf } from './eservices/application-ports.js'
import { applyPagesRoutes } from './eservices/apply.routes.js'
import { demoIdentityProvider } from './eservices/demo-identity-provider.js'
import { residentPagesRoutes } from './eservices/resident-pages.routes.js'
import { bookingRoutes } from './front-office/booking.routes.js'
import { bookingSetupRoutes } from './front-office/booking-setup.routes.js'
import { deskRoutes } from './front-office/desk.routes.js'
import { frontOfficeRoutes } from './front-office/front-office.routes.js'
import { queueStatsRoutes } from './front-office/queue-stats.routes.js'
import { homeRoutes } from './home/home.routes.js'
import { informationRequestPorts } from './information-requests/request-ports.js'
import { requestPagesRoutes } from './information-requests/requests.routes.js'
import { jobsRoutes } from './jobs/jobs.routes.js'
import { jobsAdmin } from './jobs/jobs-admin.js'
import { registerScheduledJobs } from './jobs/scheduled-jobs.js'
import { RequestLogController, registerMetrics, requestIdOf } from './observability.js'
import { registerOpenApi } from './openapi.js'
import { operationsRoutes } from './operations.routes.js'
import { databaseRateLimitStore } from './rate-limit-store.js'
import { casesPagesRoutes } from './records/cases-pages.routes.js'
import { classificationPageRoutes } from './records/classification-page.routes.js'
import { registryDeskRoutes } from './records/registry-desk.routes.js'
import { recordsSearchPageRoutes, recordsSearchRoutes } from './records/search.routes.js'
import { sharedSchemaCompilers } from './schema-compilers.js'
import { securityHeaders, securityHeaderValues } from './security-headers.js'
import { servicesRoutes } from './services/services.routes.js'
import { verifyPageRoutes } from './signatures/verify.routes.js'
import { cardsRoutes } from './staff/cards.routes.js'
import { eserviceEditRoutes } from './staff/eservice-edit.routes.js'
import { jobsPageRoutes } from './staff/jobs-page.routes.js'
import { staffRoutes } from './staff/staff.routes.js'
import { packageVersion } from './version.js'

export interface AppOptions {
  config: Config
  database: Database
  clock?: Clock
  /** pino options or false; defaults to JSON logs at the configured level. */
  logger?: FastifyServerOptions['logger']
}

export type Services = ReturnType<typeof createServices>

/** Every module's service, wired to the shared kernel. */
export function createServices(config: Config, database: Database, clock: Clock, bus: EventBus) {
  // The anchors are sealed by the network's seal, and their seal checked, by the signatures module
  // (bound late: it is made after the audit log every module records to).
  const audit = createAuditService(database.db, clock, {
    seal: (statement) => sealing.sealForNetwork(statement),
    check: async (statement, signature) => {
      const [first] = (await signatures.validate(signature, statement)).signatures
      return { indication: first?.indication ?? 'TOTAL_FAILED', signer: first?.signer?.subject ?? null }
    },
  })
  const calendar = createCalendarService(database.db, clock, audit.trail)
  const offices = createOfficesService(database.db, clock, bus, audit.trail, calendar)
  const timezoneOf = async (id: string) => (await offices.publicOffice(id))?.timezone ?? null
  const queue = createQueueService(database.db, database.dialect, clock, bus, audit.trail, {
    timezoneOf,
    createDesk: (actor, officeId, name, uow) => offices.createDesk(actor, officeId, name, uow),
    desk: (uow, id) => offices.deskIn(uow, id),
    desks: (uow, officeId) => offices.desksIn(uow, officeId),
  })
  const closedOn = async (id: string, date: string) => {
    const day = await offices.hoursOn(id, date)
    return day.spans.length > 0 ? null : (day.closedBecause ?? 'not open on this day of the week')
  }
  const appointments = createAppointmentsService(
    database.db,
    clock,
    audit.trail,
    queue,
    {
      timezoneOf,
      closedOn,
      placeOf: async (id) => {
        const o = await offices.publicOffice(id)
        return o
          ? {
              office: o.name,
              address: `${o.address.street}, ${o.address.postcode} ${o.address.city}`,
              language: o.defaultLanguage,
              timezone: o.timezone,
              email: o.contact.email ?? null,
            }
          : null
      },
    },
    config.publicUrl,
  )
  const slotTemplates = createSlotTemplatesService(database.db, clock, audit.trail, {
    isQueueOf: (officeId, queueId) => queue.isQueueOf(officeId, queueId),
    timezoneOf,
    closedOn,
    horizonDays: async (id) => (await appointments.getPolicy(id)).horizonDays,
  })
  const passwords = passwordHasher(config.passwordHashing)
  const users = createUsersService(
    database.db,
    clock,
    audit.trail,
    {
      officeExists: (id) => offices.officeExists(id),
      officeOfUnit: async (id) => (await offices.unitIn(database.db, id))?.officeId ?? null,
    },
    passwords,
  )
  const blobs = fileBlobStore(config.blobDir)
  // Reactions of one module inside another's transaction: the e-services subscribe to the cases' steps
  // and the registers' dispatches by e-service.
  const reactions = new InTransactionReactions()
  const search = new SearchIndex(database.db)
  const jobs = new JobStore(database.db, clock)
  const seals = sealStore(join(config.dataDir, 'seals'), config.sealPassword, config.publicUrl)
  const signatures = createSignaturesService(database.db, clock, audit.trail, config, seals)
  const registry = createRegistryService(database.db, clock, audit.trail, blobs, jobs, search, config, {
    office: (id) => offices.officeById(id),
    unit: (uow, id) => offices.unitIn(uow, id),
    grantsOf: (uow, id) => users.grantsIn(uow, id),
    signaturesIn: (bytes) => signatures.signaturesIn(bytes),
    reactions,
  })
  const classification = createClassificationService(database.db, clock, audit.trail, (id) =>
    offices.officeExists(id),
  )
  const catalogue = createCatalogueService(database.db, clock, bus, audit.trail, search)
  const sealing = createSealsService(
    database.db,
    clock,
    audit.trail,
    seals,
    (id) => offices.officeById(id),
    config.tsaUrl,
    (xml, key, at, tsaUrl) => signatures.sealXmlOffThread(xml, key, at, tsaUrl),
  )
  const cases = createCasesService(
    database.db,
    clock,
    audit.trail,
    search,
    config,
    {
      office: (id) => offices.officeById(id),
      offices: () => offices.listPublicOffices(),
      dayOff: async (officeId, date) =>
        (await offices.closuresBetween(officeId, date, date))[0]?.reason ?? null,
      service: (id) =>
        catalogue.getService(null, id).catch((e: unknown) => {
          if (e instanceof AppError && e.status === 404) return undefined
          throw e
        }),
      unit: (uow, id) => offices.unitIn(uow, id),
      grantsOf: (uow, id) => users.grantsIn(uow, id),
      letter: (uow, id) => registry.letterIn(uow, id),
      classification,
      filesHeldElsewhere: (sha256s) => registry.filesHeld(sha256s),
      reactions,
      signaturesIn: (bytes) => signatures.signaturesIn(bytes),
      seal: async (actor, officeId, bytes, options) =>
        (await sealing.sealFor(actor, officeId, bytes, options)).bytes,
    },
    { blobs, jobs },
  )
  const mailer = smtpMailer(config)
  const applications = createApplicationsService(
    database.db,
    clock,
    blobs,
    jobs,
    applicationPorts({ catalogue, offices, registry, cases, signatures, sealing }),
    config.publicUrl,
    reactions,
  )
  const sealOwner = sealOwnerOf({ offices, sealing })
  const notifications = createNotificationsService(database.db, clock, mailer, (ids) => users.contacts(ids))
  return {
    appointments,
    /** Booking set-up: weekly slot templates and days without bookings. */
    slotTemplates,
    audit,
    /** The time every service reads (fixed in tests): demo data is made relative to it. */
    clock,
    cases,
    classification,
    calendar,
    /** Statutory terms counted over the working-day calendar. */
    deadlines: createDeadlinesService(calendar, config),
    /** Durable background work and the transactional outbox (platform `jobs`). */
    jobs,
    /** Stored files (signed documents, attachments) for the back-office modules. */
    blobs,
    catalogue,
    offices,
    queue,
    signIn: createSignInService(database.db, clock, audit.trail, {
      require2fa: config.require2fa,
      passwords,
    }),
    registry,
    users,
    /** Staff notifications, sent by e-mail where an SMTP server is set. */
    notifications,
    mailer,
    /** Requests for public information, from the public form to their case. */
    informationRequests: createInformationRequestsService(
      database.db,
      clock,
      informationRequestPorts({ offices, registry, cases }, clock, config),
    ),
    /** E-services: applications on cards' forms, their receipts and tracking. */
    applications,
    /** Residents who apply: sign-in by an identity provider or an e-mail link, sessions. */
    residents: createResidentsService(database.db, clock, jobs, audit.trail, config.publicUrl),
    /** Residents' sign-in by the configured OpenID Connect provider; null without one. */
    residentSignIn: residentSignIn(config, database, clock),
    /** Anyone's check of a receipt file: the seal, whose it is, what it states. */
    receipts: {
      verify: (bytes: Buffer) =>
        verifyReceipt(database.db, bytes, (f, d) => signatures.validate(f, d), sealOwner),
    },
    /** Signature validation and the trust store. */
    signatures,
    sealing,
    /** The deadline reminders each office's daily job sends. */
    reminders: createReminders(notifications, (id) => cases.dueInOffice(id), config.publicUrl),
  }
}

/** Residents' sign-in by OpenID Connect, with the provider configured (or the demo one); null without. */
function residentSignIn(config: Config, database: Database, clock: Clock) {
  const provider = residentIdentityProvider(config)
  return provider
    ? oidcSignIn(database.db, clock, provider, `${config.publicUrl}/my/sign-in/oidc/callback`)
    : null
}

/** The composition root: plugin order, error handling, modules. */
export async function buildApp(
  options: AppOptions,
): Promise<AppInstance & { services: Services; bus: EventBus; jobs: JobRunner }> {
  const { config, database } = options
  const clock = options.clock ?? systemClock
  const headers = securityHeaderValues(config)
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    genReqId: requestIdOf,
    logController: new RequestLogController(),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler(config, headers),
    clientErrorHandler: clientErrorHandler(headers),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    schemaController: { compilersFactory: sharedSchemaCompilers },
  }).withTypeProvider<TypeBoxTypeProvider>()

  const bus = new EventBus((error, event) =>
    app.log.error({ err: error, event: event.type }, 'event listener failed'),
  )
  const services = createServices(config, database, clock, bus)
  app.decorate('services', services)
  app.decorate('bus', bus)

  app.setErrorHandler(errorHandler(config, services.audit))
  app.addSchema(ProblemSchema)

  const metrics = registerMetrics(app)
  app.addHook('onRequest', securityHeaders(headers))
  // What a signed-in request gets is nobody else's: no shared cache keeps it, and without a rule of
  // its own (an ETag to revalidate) no cache at all.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.actor) {
      const rule = reply.getHeader('cache-control')
      if (!rule) reply.header('cache-control', 'private, no-store')
      else if (!/private|no-store/.test(String(rule))) reply.header('cache-control', `private, ${rule}`)
    }
    done(null, payload)
  })
  answerNotModified(app)
  if (config.compression) await registerCompression(app)
  // After validation: what a schema cannot refuse (non-finite numbers, control characters).
  app.addHook('preHandler', async (req) => {
    const hostile = findHostileInput(req)
    if (hostile) throw invalid([hostile])
  })
  // Rate limits only where a route asks for one (public bookings); sign-in has its own in the database.
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(database.db, clock),
    errorResponseBuilder: (_req, context) =>
      new AppError('RATE_LIMITED', 429, 'Too many requests', `Try again in ${context.after}.`),
  })
  await app.register(cookie)
  await app.register(formbody)
  // Uploads stream to the blob store, which enforces the configured size; the parser's own limit sits
  // just above it so that the store's clear 413 is the one given. One file per request.
  await app.register(multipart, {
    limits: { fileSize: config.uploadMaxBytes + 1, files: 1, fields: 20, parts: 22, headerPairs: 50 },
  })
  // The CSRF secret lives in its own HttpOnly cookie; forms carry the token derived from it.
  await app.register(csrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' },
    // A file form's body is a stream read after this check: its token travels in the address instead.
    getToken: (req) =>
      (req.body as { _csrf?: string } | undefined)?._csrf ??
      (req.isMultipart() ? (req.query as { _csrf?: string })._csrf : undefined) ??
      (req.headers['x-csrf-token'] as string | undefined),
  })
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '365d', immutable: true })
  await registerOpenApi(app, packageVersion(), config.publicUrl)
  await app.register(authenticationPlugin, { signIn: services.signIn })
  await app.register(staffPagesPlugin, { signIn: services.signIn })

  await app.register(operationsRoutes(database, metrics, config.metricsToken))
  await app.register(identityRoutes(services.signIn, services.users))
  await app.register(usersRoutes(services.users))
  await app.register(officesRoutes(services.offices))
  await app.register(auditRoutes(services.audit))
  await app.register(calendarRoutes(services.calendar))
  await app.register(deadlinesRoutes(services.deadlines))
  await app.register(notificationsRoutes(services.notifications))
  await app.register(retentionRoutes(services.cases))
  await app.register(signaturesRoutes(services.signatures))
  await app.register(sealsRoutes(services.sealing))
  await app.register(eservicesRoutes(services.applications, services.residents, services.receipts))
  // A demo identity provider for trials, only when asked for (RATUSZ_DEMO_OIDC=1).
  if (config.demoOidc) await app.register(demoIdentityProvider(config))
  await app.register(residentPagesRoutes(config, services.residents, services.residentSignIn))
  await app.register(
    applyPagesRoutes(
      config,
      services.applications,
      services.residents,
      services.offices,
      services.receipts,
      services.residentSignIn?.name ?? null,
      (email) => services.appointments.upcomingFor(email),
    ),
  )
  await app.register(informationRequestsRoutes(services.informationRequests))
  await app.register(duePageRoutes(config, services.deadlines))
  await app.register(verifyPageRoutes(config, services.signatures))
  await app.register(requestPagesRoutes(config, services.informationRequests, services.offices))
  await app.register(
    catalogueRoutes(services.catalogue, {
      publicUrl: config.publicUrl,
      authorityFor: async (card) => {
        const offices = await services.offices.listPublicOffices()
        const office = offices.find((o) => o.id === card.offices?.[0]?.officeId) ?? offices[0]
        return {
          iri: `${config.publicUrl}/offices/${office?.code ?? 'network'}`,
          name: office?.name ?? { uk: 'Ratusz', pl: 'Ratusz', en: 'Ratusz' },
          country: office?.address.country ?? 'PL',
          email: office?.contact.email,
          phone: office?.contact.phone,
        }
      },
    }),
  )
  const boards = new BoardHub(
    bus,
    (officeId) => services.queue.board(officeId),
    (officeId, lastEventId) => services.queue.callsMissedAfter(officeId, lastEventId),
    (error) => app.log.error({ err: error }, 'board refresh failed'),
  )
  app.addHook('preClose', async () => boards.closeAll())
  // Several instances on one PostgreSQL: calls reach every instance's boards, and caches of cards and
  // offices forget what another instance changed.
  database.onConnectionError((error) => app.log.warn({ err: error }, 'a database connection was lost'))
  if (database.notifications) {
    const stopRelay = await relayEvents(
      bus,
      database.notifications,
      [...Object.values(QUEUE_EVENTS), ...Object.values(CATALOGUE_EVENTS), ...Object.values(OFFICE_EVENTS)],
      (error) => app.log.warn({ err: error }, 'event relay failed'),
    )
    app.addHook('onClose', async () => stopRelay())
  }
  await app.register(registryRoutes(services.registry))
  await app.register(registerFilesRoutes(services.registry))
  await app.register(classificationRoutes(services.classification))
  await app.register(casesRoutes(services.cases))
  await app.register(caseDocumentsRoutes(services.cases))
  await app.register(recordsSearchRoutes(services.registry, services.cases))
  await app.register(recordsSearchPageRoutes(config, services.registry, services.cases))
  await app.register(queueRoutes(services.queue, boards))
  await app.register(appointmentsRoutes(services.appointments))
  await app.register(slotTemplatesRoutes(services.slotTemplates))
  await app.register(
    frontOfficeRoutes(config, services.queue, services.offices, services.appointments, services.clock),
  )
  await app.register(deskRoutes(config, services.queue, services.offices))
  await app.register(queueStatsRoutes(config, services.queue, services.offices))
  await app.register(bookingSetupRoutes(config, services))
  await app.register(bookingRoutes(config, services.appointments, services.queue, services.offices))
  await app.register(homeRoutes(config, services.offices, bus, clock))
  await app.register(errorTypesRoutes(config))
  const jobsForAdmins = jobsAdmin(services.jobs, services.audit.trail)
  await app.register(jobsRoutes(jobsForAdmins))
  await app.register(jobsPageRoutes(config, jobsForAdmins))
  await app.register(staffRoutes(config, services))
  await app.register(registryDeskRoutes(config, clock, services.registry, services.offices))
  await app.register(casesPagesRoutes(config, services))
  await app.register(deadlinesPageRoutes(config, services))
  await app.register(classificationPageRoutes(config, clock, services.classification, services.offices))
  await app.register(cardsRoutes(config, services.catalogue, services.offices))
  await app.register(eserviceEditRoutes(config, services.catalogue))
  await app.register(servicesRoutes(config, services.catalogue, services.offices, bus))
  // After the plugins, so that the 404 handler runs their hooks too (cookies, security headers).
  app.setNotFoundHandler(notFoundHandler(config))

  const runner = new JobRunner(services.jobs, {
    onError: (error, job) => app.log.error({ err: error, job: job?.id, kind: job?.kind }, 'job failed'),
  })
  registerScheduledJobs(runner, services, app.log)
  runner.handle(READ_TEXT_JOB, (payload: { documentId: string; version: number }) =>
    services.cases.readDocumentText(payload),
  )
  runner.handle(CHECK_SIGNATURES_JOB, (payload: { fileId: string }) =>
    services.registry.checkFileSignatures(payload),
  )
  runner.handle(SEAL_RECEIPT_JOB, (payload: { receiptId: string }) =>
    services.applications.sealReceipt(payload),
  )
  runner.handle(RESIDENT_MAIL_JOB, async (payload: { to: string; subject: string; text: string }) => {
    // Without an SMTP server nothing can be sent: the job fails, for an admin to see on the jobs page.
    await services.mailer.send(payload)
    return { sent: true }
  })
  app.decorate('jobs', runner)
  if (config.runJobs) {
    app.addHook('onReady', async () => runner.start())
    app.addHook('preClose', async () => runner.stop())
  }

  app.addHook('onClose', async () => {
    services.mailer.close()
    await services.signatures.close()
    await database.close()
  })
  return app as AppInstance & { services: Services; bus: EventBus; jobs: JobRunner }
}
