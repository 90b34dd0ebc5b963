import { translatorsFor } from '../../platform/i18n/index.js'

/** Texts of the residents' booking pages. */
const en = {
  'book.title': 'Book a visit',
  'book.office': 'Choose a service centre',
  'book.queue': 'What is your visit about?',
  'book.day': 'Choose a day',
  'book.slot': 'Choose a time',
  'book.noSlots': 'No free time on this day. Try another day.',
  'book.you': 'Your details',
  'book.name': 'Your name',
  'book.email': 'E-mail (optional)',
  'book.phone': 'Phone (optional)',
  'book.identifier': 'Personal number (optional)',
  'book.identifierHint':
    'PESEL or РНОКПП: then you can check in at the kiosk with it instead of the code. We keep only a coded fingerprint of it, never the number.',
  'book.submit': 'Book this time',
  'book.done': 'Your visit is booked',
  'book.code': 'Your booking code',
  'book.codeHint': 'Enter it at the kiosk when you arrive, from {from} until {until}.',
  'book.when': 'When',
  'book.where': 'Where',
  'book.calendar': 'Add to your calendar (.ics)',
  'book.cancel': 'Cancel this booking',
  'book.cancelled': 'The booking was cancelled.',
  'book.full': 'Someone has just booked this time. Please choose another.',
  'book.back': 'Back',
  'book.errors': 'Please correct the following',
} as const

type Key = keyof typeof en

const pl: Record<Key, string> = {
  'book.title': 'Zarezerwuj wizytę',
  'book.office': 'Wybierz punkt obsługi',
  'book.queue': 'Czego dotyczy wizyta?',
  'book.day': 'Wybierz dzień',
  'book.slot': 'Wybierz godzinę',
  'book.noSlots': 'Brak wolnych terminów w tym dniu. Wybierz inny dzień.',
  'book.you': 'Twoje dane',
  'book.name': 'Imię i nazwisko',
  'book.email': 'E-mail (opcjonalnie)',
  'book.phone': 'Telefon (opcjonalnie)',
  'book.identifier': 'Numer PESEL (opcjonalnie)',
  'book.identifierHint':
    'Pozwoli zgłosić przybycie w kiosku bez kodu. Przechowujemy tylko jego zaszyfrowany odcisk, nigdy sam numer.',
  'book.submit': 'Rezerwuję ten termin',
  'book.done': 'Wizyta zarezerwowana',
  'book.code': 'Twój kod rezerwacji',
  'book.codeHint': 'Wpisz go w biletomacie po przyjściu, od {from} do {until}.',
  'book.when': 'Kiedy',
  'book.where': 'Gdzie',
  'book.calendar': 'Dodaj do kalendarza (.ics)',
  'book.cancel': 'Odwołaj rezerwację',
  'book.cancelled': 'Rezerwacja została odwołana.',
  'book.full': 'Ktoś właśnie zarezerwował ten termin. Wybierz inny.',
  'book.back': 'Wstecz',
  'book.errors': 'Popraw następujące pola',
}

const uk: Record<Key, string> = {
  'book.title': 'Записатися на прийом',
  'book.office': 'Оберіть центр',
  'book.queue': 'Чого стосується візит?',
  'book.day': 'Оберіть день',
  'book.slot': 'Оберіть час',
  'book.noSlots': 'Цього дня вільного часу немає. Оберіть інший день.',
  'book.you': 'Ваші дані',
  'book.name': 'Ваше ім’я',
  'book.email': 'Ел. пошта (необов’язково)',
  'book.phone': 'Телефон (необов’язково)',
  'book.identifier': 'РНОКПП (необов’язково)',
  'book.identifierHint':
    'Тоді в кіоску можна зареєструватися за ним замість коду. Ми зберігаємо лише його закодований відбиток, а не сам номер.',
  'book.submit': 'Записатися на цей час',
  'book.done': 'Ви записані',
  'book.code': 'Ваш код запису',
  'book.codeHint': 'Введіть його в терміналі, коли прийдете, з {from} до {until}.',
  'book.when': 'Коли',
  'book.where': 'Де',
  'book.calendar': 'Додати до календаря (.ics)',
  'book.cancel': 'Скасувати запис',
  'book.cancelled': 'Запис скасовано.',
  'book.full': 'Цей час щойно зайняли. Оберіть інший.',
  'book.back': 'Назад',
  'book.errors': 'Виправте, будь ласка',
}

export const bookingTexts = translatorsFor<Key>({ en, pl, uk })
