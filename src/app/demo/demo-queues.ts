import type { MultilingualText } from '../../platform/i18n/index.js'

/** A demo queue: its letter, name, and the demo cards it serves. */
export interface DemoQueue {
  prefix: string
  name: MultilingualText
  cards: string[]
}

const T = (uk: string, pl: string, en: string): MultilingualText => ({ uk, pl, en })

const consultations: DemoQueue = {
  prefix: 'K',
  name: T('Консультації', 'Konsultacje', 'Consultations'),
  cards: [],
}

/** The queues of each demo office; every desk of the office serves all of them. */
export const DEMO_QUEUES: Record<string, DemoQueue[]> = {
  'LUB-BOM': [
    {
      prefix: 'A',
      name: T('Посвідчення особи', 'Dowody osobiste', 'Identity cards'),
      cards: ['PL-ID-CARD', 'PL-ID-CARD-LOSS'],
    },
    {
      prefix: 'B',
      name: T('Реєстрація місця проживання', 'Meldunki', 'Residence registration'),
      cards: ['PL-RESIDENCE', 'PL-RESIDENCE-TEMP', 'PL-DEREGISTER'],
    },
    {
      prefix: 'C',
      name: T('Транспорт', 'Komunikacja', 'Vehicles and driving licences'),
      cards: ['PL-VEHICLE-REG', 'PL-DRIVING-LICENCE'],
    },
    consultations,
  ],
  'LVIV-CNAP': [
    {
      prefix: 'A',
      name: T('Паспортні послуги', 'Paszporty', 'Passports'),
      cards: ['UA-PASSPORT', 'UA-TRAVEL-PASSPORT'],
    },
    {
      prefix: 'B',
      name: T('Місце проживання', 'Miejsce zamieszkania', 'Place of residence'),
      cards: ['UA-RESIDENCE', 'UA-IDP-CERT'],
    },
    {
      prefix: 'C',
      name: T('Соціальні послуги', 'Usługi społeczne', 'Social services'),
      cards: ['UA-SUBSIDY'],
    },
    consultations,
  ],
  'DROH-CNAP': [
    {
      prefix: 'A',
      name: T('Адміністративні послуги', 'Usługi administracyjne', 'Administrative services'),
      cards: ['UA-PASSPORT', 'UA-RESIDENCE', 'UA-SUBSIDY'],
    },
    consultations,
  ],
  'STRYI-CNAP': [
    {
      prefix: 'A',
      name: T('Адміністративні послуги', 'Usługi administracyjne', 'Administrative services'),
      cards: ['UA-PASSPORT', 'UA-RESIDENCE', 'UA-SUBSIDY'],
    },
    consultations,
  ],
}
