import type { Role } from '../../modules/identity/index.js'
import type { CreateOfficeBody, OpeningHours } from '../../modules/offices/index.js'
import type { MultilingualText } from '../../platform/i18n/index.js'

/**
 * The demo network: Lublin's residents' service office and three Public Information Centres of Lviv
 * oblast. Addresses are public office addresses; no personal data.
 */
export interface DemoOffice {
  office: CreateOfficeBody & { openingHours: OpeningHours }
  units: { code: string; name: MultilingualText }[]
  desks: string[]
}

const weekdays = (from: string, to: string) => ({
  mon: [{ from, to }],
  tue: [{ from, to }],
  wed: [{ from, to }],
  thu: [{ from, to }],
  fri: [{ from, to }],
})

export const DEMO_OFFICES: DemoOffice[] = [
  {
    office: {
      code: 'LUB-BOM',
      name: {
        pl: 'Biuro Obsługi Mieszkańców w Lublinie',
        uk: 'Бюро обслуговування мешканців у Любліні',
        en: 'Lublin Residents’ Service Office',
      },
      address: { street: 'ul. Wieniawska 14', postcode: '20-071', city: 'Lublin', country: 'PL' },
      timezone: 'Europe/Warsaw',
      defaultLanguage: 'pl',
      openingHours: { ...weekdays('07:30', '15:30'), mon: [{ from: '07:30', to: '17:30' }] },
      contact: { phone: '+48 81 466 1000', email: 'bom@lublin.example' },
    },
    units: [
      {
        code: 'OR',
        name: { pl: 'Wydział Organizacyjny', uk: 'Організаційний відділ', en: 'Organisation Department' },
      },
      {
        code: 'SO',
        name: {
          pl: 'Wydział Spraw Obywatelskich',
          uk: 'Відділ у справах громадян',
          en: 'Civil Affairs Department',
        },
      },
      {
        code: 'KM',
        name: { pl: 'Wydział Komunikacji', uk: 'Відділ транспорту', en: 'Vehicle Registration Department' },
      },
    ],
    desks: ['Stanowisko 1', 'Stanowisko 2', 'Stanowisko 3', 'Stanowisko 4'],
  },
  {
    office: {
      code: 'LVIV-CNAP',
      name: {
        uk: 'Центр надання адміністративних послуг м. Львова',
        pl: 'Centrum Usług Administracyjnych we Lwowie',
        en: 'Lviv Administrative Services Centre',
      },
      address: { street: 'вул. Хоткевича, 1', postcode: '79066', city: 'Львів', country: 'UA' },
      timezone: 'Europe/Kyiv',
      defaultLanguage: 'uk',
      openingHours: {
        ...weekdays('09:00', '18:00'),
        wed: [{ from: '09:00', to: '20:00' }],
        sat: [{ from: '09:00', to: '16:00' }],
      },
      contact: { phone: '+380 32 297 5797', email: 'cnap@lviv.example' },
    },
    units: [
      {
        code: 'RM',
        name: {
          uk: 'Відділ реєстрації місця проживання',
          pl: 'Wydział meldunkowy',
          en: 'Residence Registration',
        },
      },
      {
        code: 'DR',
        name: {
          uk: 'Відділ державної реєстрації',
          pl: 'Wydział rejestracji państwowej',
          en: 'State Registration',
        },
      },
      {
        code: 'SP1',
        name: { uk: 'Відділ соціальних послуг', pl: 'Wydział usług społecznych', en: 'Social Services' },
      },
    ],
    desks: ['Вікно 1', 'Вікно 2', 'Вікно 3', 'Вікно 4', 'Вікно 5'],
  },
  {
    office: {
      code: 'DROH-CNAP',
      name: {
        uk: 'Центр надання адміністративних послуг м. Дрогобича',
        pl: 'Centrum Usług Administracyjnych w Drohobyczu',
        en: 'Drohobych Administrative Services Centre',
      },
      address: { street: 'вул. Шевченка, 8', postcode: '82100', city: 'Дрогобич', country: 'UA' },
      timezone: 'Europe/Kyiv',
      defaultLanguage: 'uk',
      openingHours: { ...weekdays('08:00', '17:00'), fri: [{ from: '08:00', to: '16:00' }] },
      contact: { phone: '+380 3244 2 1234', email: 'cnap@drohobych.example' },
    },
    units: [
      {
        code: 'RM',
        name: {
          uk: 'Сектор реєстрації місця проживання',
          pl: 'Sekcja meldunkowa',
          en: 'Residence Registration',
        },
      },
      { code: 'ZR1', name: { uk: 'Сектор земельних ресурсів', pl: 'Sekcja gruntów', en: 'Land Resources' } },
    ],
    desks: ['Вікно 1', 'Вікно 2', 'Вікно 3'],
  },
  {
    office: {
      code: 'STRYI-CNAP',
      name: {
        uk: 'Центр надання адміністративних послуг м. Стрия',
        pl: 'Centrum Usług Administracyjnych w Stryju',
        en: 'Stryi Administrative Services Centre',
      },
      address: { street: 'вул. Шевченка, 71', postcode: '82400', city: 'Стрий', country: 'UA' },
      timezone: 'Europe/Kyiv',
      defaultLanguage: 'uk',
      openingHours: { ...weekdays('08:30', '17:30'), tue: [{ from: '08:30', to: '20:00' }] },
      contact: { phone: '+380 3245 5 4321', email: 'cnap@stryi.example' },
    },
    units: [
      {
        code: 'RM',
        name: {
          uk: 'Сектор реєстрації місця проживання',
          pl: 'Sekcja meldunkowa',
          en: 'Residence Registration',
        },
      },
      {
        code: 'SP1',
        name: { uk: 'Сектор соціальних послуг', pl: 'Sekcja usług społecznych', en: 'Social Services' },
      },
    ],
    desks: ['Вікно 1', 'Вікно 2'],
  },
]

/** One demo user per role. Demo-only credentials, printed at start and listed in the README. */
export interface DemoUser {
  login: string
  name: string
  role: Role
  /** Office code for an office-scoped grant; null for network-wide. */
  office: string | null
}

export const DEMO_USERS: DemoUser[] = [
  { login: 'demo-admin', name: 'Demo Administrator', role: 'admin', office: null },
  { login: 'demo-coordinator', name: 'Demo Coordinator', role: 'coordinator', office: null },
  { login: 'demo-manager', name: 'Demo Manager (Lviv)', role: 'manager', office: 'LVIV-CNAP' },
  { login: 'demo-consultant', name: 'Demo Consultant (Lviv)', role: 'consultant', office: 'LVIV-CNAP' },
  {
    login: 'demo-chancellery',
    name: 'Demo Chancellery Clerk (Lublin)',
    role: 'chancellery',
    office: 'LUB-BOM',
  },
  { login: 'demo-officer', name: 'Demo Case Officer (Lublin)', role: 'officer', office: 'LUB-BOM' },
  { login: 'demo-head', name: 'Demo Head of Unit (Lublin)', role: 'head', office: 'LUB-BOM' },
  { login: 'demo-editor', name: 'Demo Editor', role: 'editor', office: null },
  { login: 'demo-kiosk-lviv', name: 'Demo Kiosk (Lviv hall)', role: 'kiosk', office: 'LVIV-CNAP' },
]

/** Every demo account's password: the login with `-pass` appended, e.g. `demo-admin-pass`. */
export function demoPassword(login: string): string {
  return `${login}-pass`
}
