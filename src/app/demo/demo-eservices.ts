import type { ServiceCard } from '../../modules/catalogue/index.js'
import type { MultilingualText } from '../../platform/i18n/index.js'

type EService = NonNullable<ServiceCard['eService']>
const T = (uk: string, pl: string, en: string): MultilingualText => ({ uk, pl, en })
const choice = (value: string, label: MultilingualText) => ({ value, label })

/**
 * The demo's three e-services, to try applying online: Lublin's request for public information (no
 * account needed: an e-mail confirmed by a link), Lublin's registration of residence (meldunek:
 * a verified identity and the applicant's signature), and the Lviv oblast centres' certificate of the
 * people registered at an address (довідка, no account needed). Demo forms: each office checks the
 * questions against its own procedure before it publishes them.
 */
export const DEMO_ESERVICES: Record<string, EService> = {
  'PL-PUBLIC-INFO': {
    signature: 'none',
    withoutAccount: true,
    case: { unit: 'OR', symbol: '016' },
    form: {
      format: 1,
      steps: [
        {
          id: 'request',
          title: T('Ваш запит', 'Twój wniosek', 'Your request'),
          questions: [
            {
              id: 'subject',
              type: 'long-text',
              label: T(
                'Яку інформацію ви запитуєте?',
                'O jaką informację wnosisz?',
                'What information do you ask for?',
              ),
              help: T(
                'Опишіть якомога точніше: документ, період, справу.',
                'Opisz jak najdokładniej: dokument, okres, sprawę.',
                'Be as precise as you can: the document, the period, the matter.',
              ),
              maxLength: 5000,
            },
            {
              id: 'form',
              type: 'choice',
              label: T('У якій формі?', 'W jakiej formie?', 'In what form?'),
              choices: [
                choice('electronic', T('Електронний файл', 'Plik elektroniczny', 'An electronic file')),
                choice('paper', T('Паперова копія', 'Kopia papierowa', 'A paper copy')),
              ],
            },
            {
              id: 'address',
              type: 'address',
              label: T('Поштова адреса для копії', 'Adres do wysłania kopii', 'Postal address for the copy'),
              showIf: { question: 'form', in: ['paper'] },
            },
          ],
        },
      ],
    },
  },
  'PL-RESIDENCE': {
    signature: 'required',
    withoutAccount: false,
    case: { unit: 'SO', symbol: '531' },
    form: {
      format: 1,
      steps: [
        {
          id: 'person',
          title: T('Особа', 'Osoba', 'The person'),
          questions: [
            { id: 'pesel', type: 'pesel', label: T('PESEL', 'PESEL', 'PESEL'), personal: true },
            {
              id: 'phone',
              type: 'phone',
              label: T('Телефон', 'Telefon', 'Phone'),
              required: false,
              personal: true,
            },
          ],
        },
        {
          id: 'stay',
          title: T('Місце проживання', 'Miejsce pobytu', 'The stay'),
          questions: [
            { id: 'address', type: 'address', label: T('Адреса', 'Adres', 'Address'), personal: true },
            {
              id: 'kind',
              type: 'choice',
              label: T('Вид реєстрації', 'Rodzaj zameldowania', 'Kind of registration'),
              choices: [
                choice('permanent', T('Постійна', 'Na pobyt stały', 'Permanent')),
                choice('temporary', T('Тимчасова', 'Na pobyt czasowy', 'Temporary')),
              ],
            },
            {
              id: 'until',
              type: 'date',
              label: T('До якої дати?', 'Do kiedy?', 'Until when?'),
              showIf: { question: 'kind', in: ['temporary'] },
            },
            {
              id: 'title',
              type: 'file',
              label: T(
                'Документ про право на житло (договір, згода власника)',
                'Tytuł prawny do lokalu (umowa, zgoda właściciela)',
                'Right to the dwelling (lease, owner’s consent)',
              ),
              file: { types: ['pdf', 'png', 'jpeg'], maxBytes: 10 * 1024 * 1024 },
            },
          ],
        },
        {
          id: 'declaration',
          title: T('Заява', 'Oświadczenie', 'Declaration'),
          questions: [
            {
              id: 'truth',
              type: 'declaration',
              label: T(
                'Заявляю, що дані правдиві (ст. 233 КК)',
                'Oświadczam, że dane są prawdziwe (art. 233 k.k.)',
                'I declare the data are true (Criminal Code art. 233)',
              ),
            },
          ],
        },
      ],
    },
  },
  'UA-RESIDENTS-CERT': {
    signature: 'none',
    withoutAccount: true,
    case: { unit: 'RM', symbol: '02-06' },
    form: {
      format: 1,
      steps: [
        {
          id: 'who',
          title: T('Заявник', 'Wnioskodawca', 'The applicant'),
          questions: [
            {
              id: 'rnokpp',
              type: 'rnokpp',
              label: T('РНОКПП', 'РНОКПП (NIP Ukrainy)', 'РНОКПП (tax number)'),
              personal: true,
            },
            {
              id: 'address',
              type: 'address',
              label: T('Адреса житла', 'Adres lokalu', 'Address of the dwelling'),
              personal: true,
            },
          ],
        },
        {
          id: 'purpose',
          title: T('Для чого довідка', 'Cel zaświadczenia', 'What it is for'),
          questions: [
            {
              id: 'for',
              type: 'choice',
              label: T('Мета', 'Cel', 'Purpose'),
              choices: [
                choice('subsidy', T('Житлова субсидія', 'Dopłata mieszkaniowa', 'Housing subsidy')),
                choice('notary', T('Нотаріус', 'Notariusz', 'A notary')),
                choice('other', T('Інше', 'Inny', 'Other')),
              ],
            },
            {
              id: 'other',
              type: 'text',
              label: T('Уточніть', 'Doprecyzuj', 'Say which'),
              showIf: { question: 'for', in: ['other'] },
            },
            {
              id: 'truth',
              type: 'declaration',
              label: T(
                'Підтверджую, що дані правдиві',
                'Potwierdzam, że dane są prawdziwe',
                'I confirm the data are true',
              ),
            },
          ],
        },
      ],
    },
  },
}
