import type { Catalogue } from '../../platform/i18n/index.js'
import type { MessageKey } from './en.js'

export const uk: Catalogue<MessageKey> = {
  'site.name': 'Ratusz',
  'site.tagline': 'Електронний офіс вашої громади та центрів надання адміністративних послуг',
  'skip.toContent': 'Перейти до основного вмісту',
  'nav.label': 'Головне меню',
  'nav.home': 'Головна',
  'nav.services': 'Послуги',
  'nav.book': 'Записатися на прийом',
  'nav.api': 'API для розробників',
  'nav.staff': 'Вхід для працівників',
  'lang.label': 'Мова',
  'home.title': 'Ласкаво просимо до електронного офісу',
  'home.intro':
    'Дізнайтеся, що потрібно для вашої справи, куди звертатися та коли працюють центри. Працівники входять до системи, щоб обслуговувати мешканців, реєструвати кореспонденцію та вести справи.',
  'home.offices.heading': 'Центри надання послуг',
  'home.offices.empty': 'Ще не створено жодного центру.',
  'home.offices.hours': 'Графік роботи',
  'home.offices.closed': 'вихідний',
  'home.offices.closures': 'Не працює найближчі два тижні',
  'home.offices.address': 'Адреса',
  'home.offices.contact': 'Контакти',
  'home.offices.phone': 'Телефон',
  'home.offices.email': 'Ел. пошта',
  'footer.about': 'Ratusz — відкрите програмне забезпечення для центрів надання адміністративних послуг.',
  'error.notFound.title': 'Сторінку не знайдено',
  'error.notFound.body': 'За цією адресою сторінки немає. Перевірте адресу або почніть з головної сторінки.',
  'error.forbidden.title': 'У вас немає доступу до цієї сторінки',
  'error.forbidden.body':
    'Ролі вашого облікового запису не охоплюють цієї сторінки. Якщо вона потрібна, зверніться до керівника.',
  'error.generic.title': 'Щось пішло не так',
  'error.generic.body': 'Не вдалося виконати запит. Спробуйте ще раз за хвилину.',
  'error.reference': 'Номер звернення для служби підтримки: {id}',
  'error.backHome': 'Повернутися на головну',
}
