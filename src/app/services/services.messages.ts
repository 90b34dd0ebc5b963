import { type Lang, type Translate, translator } from '../../platform/i18n/index.js'

const en = {
  'list.title': 'Services',
  'list.intro': 'What do you need to arrange? Search by name or word, in any of our languages.',
  'list.search': 'Search services',
  'list.submit': 'Search',
  'list.categories': 'Browse by topic',
  'list.lifeEvents': 'Life situations',
  'list.all': 'All services',
  'list.results': '{count} service(s) found',
  'list.none': 'No service matches. Try another word, or fewer words.',
  'list.more': 'More results',
  'card.audience': 'Who it concerns',
  'card.documents': 'Documents to submit',
  'card.documentsToShow': 'Documents to show',
  'card.fees': 'Fees',
  'card.time': 'How long it takes',
  'card.timeSource': 'Basis: {source}',
  'card.legal': 'Legal basis',
  'card.channels': 'How to apply',
  'card.channel.in-person': 'In person at a service centre',
  'card.channel.post': 'By post',
  'card.channel.online': 'Online',
  'card.offices': 'Where',
  'card.unit': 'Responsible unit',
  'card.appeal': 'Appeal',
  'card.notes': 'Notes',
  'card.applyOnline': 'Apply online',
  'card.updated': 'Last changed on {date}',
  'card.print': 'Print this page with your browser (Ctrl+P); the print version leaves out the menus.',
  'card.back': 'All services',
  'card.hours': 'Opening hours',
  'card.closed': 'closed',
} as const

type Key = keyof typeof en

const pl: Record<Key, string> = {
  'list.title': 'Usługi',
  'list.intro': 'Co chcesz załatwić? Szukaj po nazwie lub słowie, w dowolnym z naszych języków.',
  'list.search': 'Szukaj usług',
  'list.submit': 'Szukaj',
  'list.categories': 'Przeglądaj według tematu',
  'list.lifeEvents': 'Sytuacje życiowe',
  'list.all': 'Wszystkie usługi',
  'list.results': 'Znaleziono usług: {count}',
  'list.none': 'Żadna usługa nie pasuje. Spróbuj innego słowa lub mniejszej liczby słów.',
  'list.more': 'Więcej wyników',
  'card.audience': 'Kogo dotyczy',
  'card.documents': 'Wymagane dokumenty',
  'card.documentsToShow': 'Dokumenty do okazania',
  'card.fees': 'Opłaty',
  'card.time': 'Termin załatwienia',
  'card.timeSource': 'Podstawa: {source}',
  'card.legal': 'Podstawa prawna',
  'card.channels': 'Jak złożyć wniosek',
  'card.channel.in-person': 'Osobiście w punkcie obsługi',
  'card.channel.post': 'Pocztą',
  'card.channel.online': 'Przez internet',
  'card.offices': 'Gdzie',
  'card.unit': 'Komórka odpowiedzialna',
  'card.appeal': 'Tryb odwoławczy',
  'card.notes': 'Uwagi',
  'card.applyOnline': 'Złóż wniosek online',
  'card.updated': 'Ostatnia zmiana: {date}',
  'card.print': 'Wydrukuj stronę z przeglądarki (Ctrl+P); wersja do druku pomija menu.',
  'card.back': 'Wszystkie usługi',
  'card.hours': 'Godziny otwarcia',
  'card.closed': 'nieczynne',
}

const uk: Record<Key, string> = {
  'list.title': 'Послуги',
  'list.intro': 'Що вам потрібно оформити? Шукайте за назвою або словом будь-якою з наших мов.',
  'list.search': 'Пошук послуг',
  'list.submit': 'Шукати',
  'list.categories': 'Теми',
  'list.lifeEvents': 'Життєві ситуації',
  'list.all': 'Усі послуги',
  'list.results': 'Знайдено послуг: {count}',
  'list.none': 'Жодна послуга не відповідає запиту. Спробуйте інше слово або менше слів.',
  'list.more': 'Більше результатів',
  'card.audience': 'Кого стосується',
  'card.documents': 'Документи для подання',
  'card.documentsToShow': 'Документи для пред’явлення',
  'card.fees': 'Вартість',
  'card.time': 'Строк надання',
  'card.timeSource': 'Підстава: {source}',
  'card.legal': 'Правові підстави',
  'card.channels': 'Як звернутися',
  'card.channel.in-person': 'Особисто в центрі',
  'card.channel.post': 'Поштою',
  'card.channel.online': 'Онлайн',
  'card.offices': 'Де',
  'card.unit': 'Відповідальний підрозділ',
  'card.appeal': 'Порядок оскарження',
  'card.notes': 'Примітки',
  'card.applyOnline': 'Подати заяву онлайн',
  'card.updated': 'Остання зміна: {date}',
  'card.print': 'Роздрукуйте сторінку з браузера (Ctrl+P); версія для друку не містить меню.',
  'card.back': 'Усі послуги',
  'card.hours': 'Графік роботи',
  'card.closed': 'вихідний',
}

export type ServicesKey = Key
const cache = new Map<Lang, Translate<Key>>()
export function servicesTexts(lang: Lang): Translate<Key> {
  let t = cache.get(lang)
  if (!t) {
    t = translator({ en, pl, uk }, lang)
    cache.set(lang, t)
  }
  return t
}

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
