import type { Catalogue } from '../../platform/i18n/index.js'
import type { MessageKey } from './en.js'

export const pl: Catalogue<MessageKey> = {
  'site.name': 'Ratusz',
  'site.tagline': 'Elektroniczny urząd Twojego ratusza i punktów obsługi',
  'skip.toContent': 'Przejdź do treści',
  'nav.label': 'Menu główne',
  'nav.home': 'Strona główna',
  'nav.services': 'Usługi',
  'nav.book': 'Umów wizytę',
  'nav.api': 'API dla programistów',
  'nav.staff': 'Logowanie pracowników',
  'lang.label': 'Język',
  'home.title': 'Witamy w e-urzędzie',
  'home.intro':
    'Sprawdź, czego potrzebujesz do załatwienia sprawy, dokąd się udać i kiedy czynne są punkty obsługi. Pracownicy logują się, aby obsługiwać mieszkańców, rejestrować korespondencję i prowadzić sprawy.',
  'home.offices.heading': 'Punkty obsługi',
  'home.offices.empty': 'Nie utworzono jeszcze żadnego punktu obsługi.',
  'home.offices.hours': 'Godziny otwarcia',
  'home.offices.closed': 'nieczynne',
  'home.offices.closures': 'Nieczynne w najbliższych dwóch tygodniach',
  'home.offices.address': 'Adres',
  'home.offices.contact': 'Kontakt',
  'home.offices.phone': 'Telefon',
  'home.offices.email': 'E-mail',
  'footer.about': 'Ratusz to otwarte oprogramowanie dla urzędów i punktów obsługi mieszkańców.',
  'error.notFound.title': 'Nie znaleziono strony',
  'error.notFound.body': 'Pod tym adresem nie ma strony. Sprawdź adres lub zacznij od strony głównej.',
  'error.forbidden.title': 'Nie masz dostępu do tej strony',
  'error.forbidden.body':
    'Role Twojego konta nie obejmują tej strony. Jeśli jej potrzebujesz, zwróć się do kierownika.',
  'error.generic.title': 'Coś poszło nie tak',
  'error.generic.body': 'Nie udało się wykonać żądania. Spróbuj ponownie za chwilę.',
  'error.reference': 'Numer zgłoszenia dla pomocy technicznej: {id}',
  'error.backHome': 'Wróć na stronę główną',
}
