import type { FastifyBaseLogger } from 'fastify'
import type { AppointmentsService, SlotTemplatesService } from '../../modules/appointments/index.js'
import type { AuditService } from '../../modules/audit/index.js'
import type { CalendarService } from '../../modules/calendar/index.js'
import type { createReminders } from '../../modules/notifications/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { QueueService } from '../../modules/queue/index.js'
import type { BlobStore } from '../../platform/blobs.js'
import type { JobRunner, ScheduleScope } from '../../platform/jobs/index.js'

const DAY = 86_400_000
/** Finished jobs are kept this long for the admins' page, then forgotten. */
export const KEEP_DONE_JOBS_MS = 7 * DAY

/**
 * The work Ratusz does by itself, on every instance that runs jobs (each occurrence once across
 * them): the queue's past days closed after midnight in each office's time zone, slots opened from
 * the weekly templates as the booking horizon moves on, missed bookings
 * released every five minutes, each officer's deadline reminders at 07:00, the audit chain's head
 * exported daily, old finished jobs forgotten.
 */
export function registerScheduledJobs(
  runner: JobRunner,
  services: {
    offices: OfficesService
    queue: QueueService
    appointments: AppointmentsService
    slotTemplates: SlotTemplatesService
    audit: AuditService
    blobs: BlobStore
    calendar: CalendarService
    reminders: ReturnType<typeof createReminders>
  },
  log: FastifyBaseLogger,
): void {
  const eachOffice = async (): Promise<ScheduleScope[]> =>
    (await services.offices.listPublicOffices()).map((o) => ({ id: o.id, timezone: o.timezone }))

  runner.schedule(
    { kind: 'queue.expire-past-days', dailyAt: '00:10', scopes: eachOffice },
    (occurrence: { scope: string }) => services.queue.expirePastDays(occurrence.scope),
  )
  // The booking horizon moves on a day each night: the weekly templates open its new last day.
  runner.schedule(
    { kind: 'appointments.open-slots', dailyAt: '00:30', scopes: eachOffice },
    (occurrence: { scope: string }) => services.slotTemplates.openAhead(occurrence.scope),
  )
  // One job for the network, not one per office: at 4,000 offices a job each every five minutes was
  // 13 jobs a second, mostly with nothing to do, and their waves were network-day's slowest answers.
  runner.schedule({ kind: 'appointments.release-no-shows', everyMinutes: 5 }, () =>
    services.appointments.releaseMissed(),
  )
  // Each officer's deadlines before the working day: a digest and alerts 3 working days ahead.
  runner.schedule(
    { kind: 'deadlines.remind', dailyAt: '07:00', scopes: eachOffice },
    (occurrence: { scope: string }) => services.reminders.remind(occurrence.scope),
  )
  // Every hour an anchor ties every office's audit chain together under one Merkle root (sealed by
  // the network's seal where it has one). Kept as a file (the blob store is meant to be backed up
  // off the database's machine) and logged, so that a rewrite or a truncation of any chain would no
  // longer match what was exported; an operator may publish it further.
  runner.schedule({ kind: 'audit.anchor', everyMinutes: 60 }, async () => {
    const anchor = await services.audit.anchor()
    const file = await services.blobs.put(Buffer.from(JSON.stringify(anchor)), {
      maxBytes: 64 * 1024 * 1024,
    })
    log.info(
      { auditAnchor: { id: anchor.id, root: anchor.root, chains: anchor.chains }, file: file.sha256 },
      'audit anchor made',
    )
    return { id: anchor.id, root: anchor.root, chains: anchor.chains, file: file.sha256 }
  })
  // The calendar of this year, the last and the next as data, from the holiday library (a new year's
  // holidays stored long before its first booking or deadline).
  runner.schedule({ kind: 'calendar.seed-years', dailyAt: '01:00' }, async () => {
    const year = runner.store.clock.now().getUTCFullYear()
    return { seeded: await services.calendar.ensureSeeded([year - 1, year, year + 1]) }
  })
  runner.schedule({ kind: 'jobs.prune', dailyAt: '03:00' }, async () => ({
    forgotten: await runner.store.pruneDone(KEEP_DONE_JOBS_MS),
  }))
}
