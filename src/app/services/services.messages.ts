import { type Lang, translatorsFor } from '../../platform/i18n/index.js'
import en from './services.messages.en.json' with { type: 'json' }
import plTexts from './services.messages.pl.json' with { type: 'json' }
import ukTexts from './services.messages.uk.json' with { type: 'json' }

type Key = keyof typeof en

const pl: Record<Key, string> = plTexts

const uk: Record<Key, string> = ukTexts

export const servicesTexts = translatorsFor<Key>({ en, pl, uk })

/** Topics and life situations of the catalogue, with their names. */
export const TOPICS: Record<string, Record<Lang, string>> = {
  documents: { uk: 'Документи, що посвідчують особу', pl: 'Dokumenty tożsamości', en: 'Identity documents' },
  residence: { uk: 'Місце проживання', pl: 'Meldunek', en: 'Residence' },
  'civil-status': { uk: 'Реєстрація актів цивільного стану', pl: 'Stan cywilny', en: 'Civil status' },
  business: { uk: 'Підприємництво', pl: 'Działalność gospodarcza', en: 'Business' },
  construction: { uk: 'Будівництво та земля', pl: 'Budownictwo i grunty', en: 'Building and land' },
  transport: { uk: 'Транспорт', pl: 'Komunikacja', en: 'Vehicles and transport' },
  social: { uk: 'Соціальний захист', pl: 'Pomoc społeczna', en: 'Social assistance' },
  taxes: { uk: 'Податки та збори', pl: 'Podatki i opłaty', en: 'Taxes and fees' },
  information: {
    uk: 'Публічна інформація та звернення',
    pl: 'Informacja publiczna i skargi',
    en: 'Public information and complaints',
  },
}

export const LIFE_EVENTS: Record<string, Record<Lang, string>> = {
  'moving-house': { uk: 'Переїзд', pl: 'Przeprowadzka', en: 'Moving house' },
  'having-a-baby': { uk: 'Народження дитини', pl: 'Narodziny dziecka', en: 'Having a baby' },
  'starting-a-business': { uk: 'Відкриття бізнесу', pl: 'Zakładanie firmy', en: 'Starting a business' },
  'building-a-home': { uk: 'Будівництво житла', pl: 'Budowa domu', en: 'Building a home' },
  'buying-a-car': { uk: 'Купівля автомобіля', pl: 'Zakup samochodu', en: 'Buying a car' },
  'losing-a-document': { uk: 'Втрата документа', pl: 'Utrata dokumentu', en: 'Losing a document' },
}
