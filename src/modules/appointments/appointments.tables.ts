import type { Selectable } from 'kysely'

export interface SlotsTable {
  id: string
  officeId: string
  queueId: string
  localDate: string
  localTime: string
  startAt: string
  minutes: number
  capacity: number
  booked: number
  /** The weekly template that opened it (migration 024); null: opened by hand for one day. */
  templateId: string | null
}

export interface SlotTemplatesTable {
  id: string
  officeId: string
  queueId: string
  /** ISO weekdays it opens slots on, comma-separated: "1,2,3,4,5" is Monday to Friday. */
  weekdays: string
  fromTime: string
  toTime: string
  minutes: number
  capacity: number
  createdAt: string
}

export interface BookingExceptionsTable {
  officeId: string
  localDate: string
  reason: string
  createdAt: string
}

export interface AppointmentsTable {
  id: string
  officeId: string
  queueId: string
  slotId: string
  code: string
  startAt: string
  minutes: number
  name: string
  email: string | null
  phone: string | null
  /** booked, checked-in, late (came after the window: got a walk-in ticket), no-show, cancelled */
  status: 'booked' | 'checked-in' | 'late' | 'no-show' | 'cancelled'
  ticketId: string | null
  createdAt: string
  checkedInAt: string | null
  /** HMAC-SHA256 of the resident's normalised personal number, when given at booking. */
  identifierHash: string | null
  /** The language the booking was made in (migration 023); null: the office's. */
  lang: 'uk' | 'pl' | 'en' | null
}

export interface AppointmentTables {
  serverKeys: { name: string; value: string }
  appointmentPolicies: {
    officeId: string
    earlyMinutes: number
    lateMinutes: number
    horizonDays: number
    updatedAt: string
  }
  slots: SlotsTable
  slotTemplates: SlotTemplatesTable
  bookingExceptions: BookingExceptionsTable
  appointments: AppointmentsTable
}

export type SlotRow = Selectable<SlotsTable>
export type SlotTemplateRow = Selectable<SlotTemplatesTable>
export type AppointmentRow = Selectable<AppointmentsTable>
