import type { ServiceCard } from '../../modules/catalogue/index.js'
import type { MultilingualText } from '../../platform/i18n/index.js'
import { DEMO_ESERVICES } from './demo-eservices.js'

/**
 * The demo catalogue: services a Polish town hall (PL, served in Lublin) and a Ukrainian ЦНАП (UA,
 * served in Lviv, Drohobych and Stryi) really offer. Demo content: fees, deadlines and legal
 * references are plausible and cited from public sources as of 2025, but must be checked by each
 * office before it publishes its own cards.
 */
type Where = 'PL' | 'UA'
interface DemoCard {
  where: Where
  code: string
  name: MultilingualText
  description: MultilingualText
  time?: string
  fee?: { amount: number; description: MultilingualText }
  documents: MultilingualText[]
  law: { title: string; reference?: string; article?: string }
  categories: string[]
  lifeEvents?: string[]
  keywords?: string[]
  online?: boolean
}

const T = (uk: string, pl: string, en: string): MultilingualText => ({ uk, pl, en })
const FREE = T('Безоплатно', 'Bezpłatnie', 'Free of charge')
const APPLICATION = T('Заява встановленого зразка', 'Wniosek', 'Application form')
const ID = T(
  'Паспорт громадянина України або ID-картка',
  'Dowód osobisty lub paszport',
  'Identity card or passport',
)

const CARDS: DemoCard[] = [
  {
    where: 'PL',
    code: 'PL-ID-CARD',
    name: T(
      'Паспорт громадянина Польщі (dowód osobisty) — оформлення',
      'Dowód osobisty — wydanie',
      'Identity card — issue',
    ),
    description: T(
      'Оформлення нового посвідчення особи: перше, після закінчення строку дії, втрати чи зміни даних.',
      'Wydanie nowego dowodu osobistego: pierwszego, po upływie ważności, utracie lub zmianie danych.',
      'Issuing a new identity card: the first one, on expiry, after loss or a change of data.',
    ),
    time: 'P30D',
    fee: { amount: 0, description: FREE },
    documents: [
      APPLICATION,
      T('Кольорова фотографія 35×45 мм', 'Kolorowe zdjęcie 35×45 mm', 'Colour photo 35×45 mm'),
    ],
    law: { title: 'Ustawa o dowodach osobistych', reference: 'Dz.U. 2022 poz. 671', article: 'art. 26' },
    categories: ['documents'],
    lifeEvents: ['losing-a-document'],
    keywords: ['dowód', 'паспорт', 'ID'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-ID-CARD-LOSS',
    name: T(
      'Заява про втрату або пошкодження посвідчення особи',
      'Zgłoszenie utraty lub uszkodzenia dowodu osobistego',
      'Reporting a lost or damaged identity card',
    ),
    description: T(
      'Посвідчення анулюється одразу після заяви, щоб ніхто не скористався ним.',
      'Dowód zostaje unieważniony od razu po zgłoszeniu, aby nikt go nie wykorzystał.',
      'The card is cancelled at once so that no one can use it.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [
      T('Інший документ, що посвідчує особу', 'Inny dokument tożsamości', 'Another identity document'),
    ],
    law: { title: 'Ustawa o dowodach osobistych', reference: 'Dz.U. 2022 poz. 671', article: 'art. 47' },
    categories: ['documents'],
    lifeEvents: ['losing-a-document'],
    keywords: ['zgubiony dowód'],
  },
  {
    where: 'PL',
    code: 'PL-RESIDENCE',
    name: T(
      'Реєстрація постійного місця проживання (zameldowanie)',
      'Zameldowanie na pobyt stały',
      'Registration of permanent residence',
    ),
    description: T(
      'Реєстрація за адресою, де ви проживаєте постійно.',
      'Zameldowanie pod adresem, pod którym mieszkasz na stałe.',
      'Registering at the address where you live permanently.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [
      T('Заява про реєстрацію', 'Formularz zgłoszenia pobytu stałego', 'Residence registration form'),
      T(
        'Документ, що підтверджує право на житло',
        'Dokument potwierdzający tytuł prawny do lokalu',
        'Proof of the right to the dwelling',
      ),
    ],
    law: { title: 'Ustawa o ewidencji ludności', reference: 'Dz.U. 2023 poz. 1466', article: 'art. 28' },
    categories: ['residence'],
    lifeEvents: ['moving-house'],
    keywords: ['meldunek'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-RESIDENCE-TEMP',
    name: T(
      'Реєстрація тимчасового місця проживання',
      'Zameldowanie na pobyt czasowy',
      'Registration of temporary residence',
    ),
    description: T(
      'Для перебування понад 30 днів за іншою адресою.',
      'Przy pobycie ponad 30 dni pod innym adresem.',
      'For a stay of more than 30 days at another address.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [
      T(
        'Заява про тимчасову реєстрацію',
        'Formularz zgłoszenia pobytu czasowego',
        'Temporary residence form',
      ),
    ],
    law: { title: 'Ustawa o ewidencji ludności', reference: 'Dz.U. 2023 poz. 1466', article: 'art. 29' },
    categories: ['residence'],
    lifeEvents: ['moving-house'],
    keywords: ['meldunek', 'meldunek czasowy', 'прописка'],
  },
  {
    where: 'PL',
    code: 'PL-DEREGISTER',
    name: T(
      'Зняття з реєстрації місця проживання',
      'Wymeldowanie z miejsca pobytu stałego',
      'Deregistration of residence',
    ),
    description: T(
      'Зняття з реєстрації при переїзді.',
      'Wymeldowanie przy przeprowadzce.',
      'Deregistering when you move out.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [
      T('Заява про зняття з реєстрації', 'Formularz zgłoszenia wymeldowania', 'Deregistration form'),
    ],
    law: { title: 'Ustawa o ewidencji ludności', reference: 'Dz.U. 2023 poz. 1466', article: 'art. 35' },
    categories: ['residence'],
    lifeEvents: ['moving-house'],
  },
  {
    where: 'PL',
    code: 'PL-BIRTH-COPY',
    name: T('Копія свідоцтва про народження', 'Odpis aktu urodzenia', 'Copy of a birth certificate'),
    description: T(
      'Повний або скорочений витяг з акта про народження.',
      'Odpis zupełny lub skrócony aktu urodzenia.',
      'A full or abridged copy of a birth record.',
    ),
    time: 'P7D',
    fee: {
      amount: 2200,
      description: T(
        'Гербовий збір за скорочений витяг',
        'Opłata skarbowa za odpis skrócony',
        'Stamp duty for an abridged copy',
      ),
    },
    documents: [APPLICATION],
    law: { title: 'Prawo o aktach stanu cywilnego', reference: 'Dz.U. 2023 poz. 1378', article: 'art. 44' },
    categories: ['civil-status'],
    lifeEvents: ['having-a-baby'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-BIRTH-REGISTER',
    name: T(
      'Реєстрація народження дитини',
      'Rejestracja urodzenia dziecka',
      'Registering the birth of a child',
    ),
    description: T(
      'Складання акта народження протягом 21 дня після пологів.',
      'Sporządzenie aktu urodzenia w ciągu 21 dni od porodu.',
      'Drawing up the birth record within 21 days of the birth.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [T('Документи батьків', 'Dokumenty tożsamości rodziców', 'Parents’ identity documents')],
    law: { title: 'Prawo o aktach stanu cywilnego', reference: 'Dz.U. 2023 poz. 1378', article: 'art. 53' },
    categories: ['civil-status'],
    lifeEvents: ['having-a-baby'],
  },
  {
    where: 'PL',
    code: 'PL-MARRIAGE',
    name: T('Укладення шлюбу', 'Zawarcie małżeństwa', 'Getting married'),
    description: T(
      'Подання документів і призначення дати церемонії.',
      'Złożenie dokumentów i ustalenie daty ślubu.',
      'Filing the documents and setting the date of the ceremony.',
    ),
    time: 'P1M',
    fee: { amount: 8400, description: T('Гербовий збір', 'Opłata skarbowa', 'Stamp duty') },
    documents: [
      ID,
      T(
        'Свідчення про відсутність перешкод до шлюбу',
        'Zapewnienie o braku przeszkód',
        'Statement of no impediment',
      ),
    ],
    law: { title: 'Kodeks rodzinny i opiekuńczy', reference: 'Dz.U. 2023 poz. 2809', article: 'art. 1' },
    categories: ['civil-status'],
  },
  {
    where: 'PL',
    code: 'PL-CEIDG',
    name: T(
      'Реєстрація фізичної особи-підприємця (CEIDG)',
      'Wpis do CEIDG — założenie działalności gospodarczej',
      'Registering a sole proprietorship (CEIDG)',
    ),
    description: T(
      'Внесення до Центрального реєстру підприємницької діяльності.',
      'Wpis do Centralnej Ewidencji i Informacji o Działalności Gospodarczej.',
      'Entry in the Central Register of Business Activity.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [T('Заява CEIDG-1', 'Wniosek CEIDG-1', 'CEIDG-1 application')],
    law: { title: 'Ustawa o CEIDG', reference: 'Dz.U. 2022 poz. 541', article: 'art. 25' },
    categories: ['business'],
    lifeEvents: ['starting-a-business'],
    keywords: ['firma', 'działalność'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-ALCOHOL-LICENCE',
    name: T(
      'Дозвіл на продаж алкогольних напоїв',
      'Zezwolenie na sprzedaż napojów alkoholowych',
      'Licence to sell alcoholic beverages',
    ),
    description: T(
      'Для магазинів і закладів громадського харчування.',
      'Dla sklepów i lokali gastronomicznych.',
      'For shops and restaurants.',
    ),
    time: 'P1M',
    fee: { amount: 52500, description: T('Річна плата', 'Opłata roczna', 'Annual fee') },
    documents: [
      APPLICATION,
      T('Документ про право на приміщення', 'Tytuł prawny do lokalu', 'Right to the premises'),
    ],
    law: { title: 'Ustawa o wychowaniu w trzeźwości', reference: 'Dz.U. 2023 poz. 2151', article: 'art. 18' },
    categories: ['business'],
    lifeEvents: ['starting-a-business'],
  },
  {
    where: 'PL',
    code: 'PL-BUILDING-PERMIT',
    name: T('Дозвіл на будівництво', 'Pozwolenie na budowę', 'Building permit'),
    description: T(
      'Рішення, яке дозволяє розпочати будівництво.',
      'Decyzja zezwalająca na rozpoczęcie budowy.',
      'The decision that allows construction to start.',
    ),
    time: 'P65D',
    fee: {
      amount: 4700,
      description: T(
        'Гербовий збір (житловий будинок — безоплатно)',
        'Opłata skarbowa (budynek mieszkalny — bez opłaty)',
        'Stamp duty (a dwelling house: none)',
      ),
    },
    documents: [APPLICATION, T('Проєкт будівництва', 'Projekt budowlany', 'Building design')],
    law: { title: 'Prawo budowlane', reference: 'Dz.U. 2024 poz. 725', article: 'art. 35' },
    categories: ['construction'],
    lifeEvents: ['building-a-home'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-ZONING',
    name: T('Рішення про умови забудови', 'Decyzja o warunkach zabudowy', 'Planning conditions decision'),
    description: T(
      'Для ділянок без місцевого плану просторового розвитку.',
      'Dla działek bez miejscowego planu zagospodarowania.',
      'For plots without a local zoning plan.',
    ),
    time: 'P2M',
    fee: { amount: 59800, description: T('Гербовий збір', 'Opłata skarbowa', 'Stamp duty') },
    documents: [APPLICATION, T('Карта ділянки', 'Mapa zasadnicza', 'Base map of the plot')],
    law: {
      title: 'Ustawa o planowaniu i zagospodarowaniu przestrzennym',
      reference: 'Dz.U. 2024 poz. 1130',
      article: 'art. 59',
    },
    categories: ['construction'],
    lifeEvents: ['building-a-home'],
  },
  {
    where: 'PL',
    code: 'PL-VEHICLE-REG',
    name: T('Реєстрація транспортного засобу', 'Rejestracja pojazdu', 'Vehicle registration'),
    description: T(
      'Реєстрація нового або вживаного автомобіля, купленого в Польщі чи за кордоном.',
      'Rejestracja pojazdu nowego lub używanego, kupionego w Polsce lub za granicą.',
      'Registering a new or used vehicle bought in Poland or abroad.',
    ),
    time: 'P30D',
    fee: { amount: 18050, description: T('Плата за реєстрацію', 'Opłata rejestracyjna', 'Registration fee') },
    documents: [
      APPLICATION,
      T('Документ про право власності', 'Dowód własności pojazdu', 'Proof of ownership'),
      T('Поліс ОЦВ', 'Polisa OC', 'Third-party insurance'),
    ],
    law: { title: 'Prawo o ruchu drogowym', reference: 'Dz.U. 2024 poz. 1251', article: 'art. 73' },
    categories: ['transport'],
    lifeEvents: ['buying-a-car'],
    keywords: ['samochód', 'авто'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-DRIVING-LICENCE',
    name: T('Посвідчення водія — видача', 'Prawo jazdy — wydanie', 'Driving licence — issue'),
    description: T(
      'Видача посвідчення після складення іспиту або заміна.',
      'Wydanie prawa jazdy po egzaminie lub wymiana.',
      'Issue after the exam, or exchange.',
    ),
    time: 'P30D',
    fee: { amount: 10050, description: T('Плата', 'Opłata', 'Fee') },
    documents: [APPLICATION, T('Фото 35×45 мм', 'Zdjęcie 35×45 mm', 'Photo 35×45 mm')],
    law: { title: 'Ustawa o kierujących pojazdami', reference: 'Dz.U. 2024 poz. 1210', article: 'art. 11' },
    categories: ['transport'],
  },
  {
    where: 'PL',
    code: 'PL-PROPERTY-TAX',
    name: T(
      'Податок на нерухомість — декларація фізичної особи',
      'Podatek od nieruchomości — informacja osoby fizycznej',
      'Property tax — return of a private person',
    ),
    description: T(
      'Подання інформації IN-1 протягом 14 днів після набуття нерухомості.',
      'Złożenie informacji IN-1 w ciągu 14 dni od nabycia nieruchomości.',
      'Filing form IN-1 within 14 days of acquiring property.',
    ),
    time: 'P1M',
    fee: { amount: 0, description: FREE },
    documents: [T('Форма IN-1', 'Formularz IN-1', 'Form IN-1')],
    law: {
      title: 'Ustawa o podatkach i opłatach lokalnych',
      reference: 'Dz.U. 2023 poz. 70',
      article: 'art. 6',
    },
    categories: ['taxes'],
    lifeEvents: ['moving-house'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-WASTE-DECLARATION',
    name: T(
      'Декларація про плату за вивезення сміття',
      'Deklaracja o opłacie za gospodarowanie odpadami',
      'Waste collection fee declaration',
    ),
    description: T(
      'Подається власником житла; змінюється при зміні кількості мешканців.',
      'Składa właściciel lokalu; zmienia się przy zmianie liczby mieszkańców.',
      'Filed by the owner; updated when the number of residents changes.',
    ),
    time: 'P14D',
    fee: { amount: 0, description: FREE },
    documents: [T('Декларація', 'Deklaracja', 'Declaration')],
    law: {
      title: 'Ustawa o utrzymaniu czystości i porządku w gminach',
      reference: 'Dz.U. 2024 poz. 399',
      article: 'art. 6m',
    },
    categories: ['taxes'],
    lifeEvents: ['moving-house'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-PUBLIC-INFO',
    name: T(
      'Запит на доступ до публічної інформації',
      'Wniosek o udostępnienie informacji publicznej',
      'Request for public information',
    ),
    description: T(
      'Будь-хто може запитати інформацію; відповідь протягом 14 днів.',
      'Każdy może zapytać o informację; odpowiedź w ciągu 14 dni.',
      'Anyone may ask; the answer comes within 14 days.',
    ),
    time: 'P14D',
    fee: { amount: 0, description: FREE },
    documents: [T('Запит у довільній формі', 'Wniosek w dowolnej formie', 'A request in any form')],
    law: {
      title: 'Ustawa o dostępie do informacji publicznej',
      reference: 'Dz.U. 2022 poz. 902',
      article: 'art. 13',
    },
    categories: ['information'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-COMPLAINT',
    name: T('Скарга або пропозиція', 'Skarga lub wniosek', 'Complaint or proposal'),
    description: T(
      'Скарга на роботу установи чи пропозиція щодо її покращення.',
      'Skarga na działanie urzędu lub wniosek o usprawnienie.',
      'A complaint about the office, or a proposal to improve it.',
    ),
    time: 'P1M',
    fee: { amount: 0, description: FREE },
    documents: [T('Скарга у довільній формі', 'Pismo w dowolnej formie', 'A letter in any form')],
    law: {
      title: 'Kodeks postępowania administracyjnego',
      reference: 'Dz.U. 2024 poz. 572',
      article: 'art. 237',
    },
    categories: ['information'],
    online: true,
  },
  {
    where: 'PL',
    code: 'PL-CARER-ALLOWANCE',
    name: T('Допомога по догляду', 'Zasiłek pielęgnacyjny', 'Care allowance'),
    description: T(
      'Для осіб з інвалідністю та людей віком понад 75 років.',
      'Dla osób niepełnosprawnych i osób powyżej 75 lat.',
      'For people with disabilities and people over 75.',
    ),
    time: 'P1M',
    fee: { amount: 0, description: FREE },
    documents: [
      APPLICATION,
      T('Висновок про інвалідність', 'Orzeczenie o niepełnosprawności', 'Disability certificate'),
    ],
    law: { title: 'Ustawa o świadczeniach rodzinnych', reference: 'Dz.U. 2024 poz. 323', article: 'art. 16' },
    categories: ['social'],
  },
  {
    where: 'UA',
    code: 'UA-PASSPORT',
    name: T(
      'Оформлення паспорта громадянина України (ID-картки)',
      'Paszport obywatela Ukrainy (karta ID) — wydanie',
      'Ukrainian identity card (ID card) — issue',
    ),
    description: T(
      'Оформлення ID-картки вперше, після досягнення 14 років, у разі обміну чи втрати.',
      'Wydanie karty ID po raz pierwszy, po ukończeniu 14 lat, przy wymianie lub utracie.',
      'Issuing an ID card for the first time, at 14, on exchange or loss.',
    ),
    time: 'P20D',
    fee: {
      amount: 27900,
      description: T(
        'Вартість бланка та адміністративний збір',
        'Koszt blankietu i opłata administracyjna',
        'Form cost and administrative fee',
      ),
    },
    documents: [
      T('Свідоцтво про народження', 'Akt urodzenia', 'Birth certificate'),
      T(
        'Довідка про реєстрацію місця проживання',
        'Zaświadczenie o miejscu zamieszkania',
        'Residence certificate',
      ),
    ],
    law: {
      title: 'Закон України «Про Єдиний державний демографічний реєстр»',
      reference: '5492-VI',
      article: 'ст. 21',
    },
    categories: ['documents'],
    lifeEvents: ['losing-a-document'],
    keywords: ['паспорт', 'id-картка', 'passport', 'paszport'],
  },
  {
    where: 'UA',
    code: 'UA-TRAVEL-PASSPORT',
    name: T(
      'Оформлення паспорта для виїзду за кордон',
      'Paszport zagraniczny — wydanie',
      'Passport for travel abroad — issue',
    ),
    description: T(
      'Біометричний закордонний паспорт.',
      'Biometryczny paszport zagraniczny.',
      'A biometric passport for travel abroad.',
    ),
    time: 'P20D',
    fee: {
      amount: 78200,
      description: T(
        'Вартість бланка та адміністративний збір',
        'Koszt blankietu i opłata administracyjna',
        'Form cost and administrative fee',
      ),
    },
    documents: [ID],
    law: {
      title: 'Закон України «Про Єдиний державний демографічний реєстр»',
      reference: '5492-VI',
      article: 'ст. 21',
    },
    categories: ['documents'],
    keywords: ['закордонний'],
  },
  {
    where: 'UA',
    code: 'UA-RESIDENCE',
    name: T(
      'Задекларувати / зареєструвати місце проживання',
      'Deklaracja / rejestracja miejsca zamieszkania',
      'Declaring or registering your place of residence',
    ),
    description: T(
      'Реєстрація за новою адресою, зокрема для внутрішньо переміщених осіб.',
      'Rejestracja pod nowym adresem, także dla osób wewnętrznie przesiedlonych.',
      'Registering at a new address, including for internally displaced people.',
    ),
    time: 'P1D',
    fee: {
      amount: 0,
      description: T(
        'Безоплатно при зверненні протягом 30 днів',
        'Bezpłatnie w ciągu 30 dni',
        'Free within 30 days',
      ),
    },
    documents: [ID, T('Документ про право на житло', 'Dokument prawa do lokalu', 'Right to the dwelling')],
    law: {
      title: 'Закон України «Про свободу пересування та вільний вибір місця проживання»',
      reference: '1382-IV',
      article: 'ст. 6',
    },
    categories: ['residence'],
    lifeEvents: ['moving-house'],
    keywords: ['прописка', 'реєстрація'],
    online: true,
  },
  {
    where: 'UA',
    code: 'UA-IDP-CERT',
    name: T(
      'Довідка про взяття на облік внутрішньо переміщеної особи',
      'Zaświadczenie osoby wewnętrznie przesiedlonej',
      'Certificate of an internally displaced person',
    ),
    description: T(
      'Довідка ВПО для отримання допомоги та послуг.',
      'Zaświadczenie IDP do uzyskania pomocy i usług.',
      'The IDP certificate needed for assistance and services.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [ID],
    law: {
      title: 'Закон України «Про забезпечення прав і свобод внутрішньо переміщених осіб»',
      reference: '1706-VII',
      article: 'ст. 4',
    },
    categories: ['social', 'residence'],
    lifeEvents: ['moving-house'],
    keywords: ['ВПО'],
    online: true,
  },
  {
    where: 'UA',
    code: 'UA-BIRTH',
    name: T('Державна реєстрація народження', 'Rejestracja urodzenia', 'State registration of a birth'),
    description: T(
      'Разом із реєстрацією місця проживання дитини та допомогою при народженні («єМалятко»).',
      'Wraz z rejestracją miejsca zamieszkania dziecka i świadczeniem z tytułu urodzenia („єMalatko”).',
      'Together with the child’s residence and the birth allowance (“eMaliatko”).',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [
      T(
        'Медичне свідоцтво про народження',
        'Zaświadczenie medyczne o urodzeniu',
        'Medical birth certificate',
      ),
      T('Паспорти батьків', 'Dokumenty rodziców', 'Parents’ documents'),
    ],
    law: {
      title: 'Закон України «Про державну реєстрацію актів цивільного стану»',
      reference: '2398-VI',
      article: 'ст. 13',
    },
    categories: ['civil-status'],
    lifeEvents: ['having-a-baby'],
    keywords: ['єМалятко'],
  },
  {
    where: 'UA',
    code: 'UA-FOP',
    name: T(
      'Державна реєстрація фізичної особи-підприємця',
      'Rejestracja jednoosobowej działalności (FOP)',
      'Registering a sole proprietor (FOP)',
    ),
    description: T(
      'Реєстрація ФОП і, за бажанням, перехід на спрощену систему оподаткування.',
      'Rejestracja FOP i, na życzenie, uproszczony system podatkowy.',
      'Registering as a sole proprietor, optionally with the simplified tax system.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [APPLICATION, ID],
    law: {
      title:
        'Закон України «Про державну реєстрацію юридичних осіб, фізичних осіб-підприємців та громадських формувань»',
      reference: '755-IV',
      article: 'ст. 27',
    },
    categories: ['business'],
    lifeEvents: ['starting-a-business'],
    keywords: ['ФОП', 'підприємець'],
    online: true,
  },
  {
    where: 'UA',
    code: 'UA-LLC',
    name: T(
      'Державна реєстрація товариства з обмеженою відповідальністю',
      'Rejestracja spółki z o.o. (TOV)',
      'Registering a limited liability company (TOV)',
    ),
    description: T(
      'Реєстрація юридичної особи на підставі статуту.',
      'Rejestracja osoby prawnej na podstawie statutu.',
      'Registering a legal entity on the basis of its charter.',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [APPLICATION, T('Установчий документ', 'Statut', 'Charter')],
    law: {
      title:
        'Закон України «Про державну реєстрацію юридичних осіб, фізичних осіб-підприємців та громадських формувань»',
      reference: '755-IV',
      article: 'ст. 17',
    },
    categories: ['business'],
    lifeEvents: ['starting-a-business'],
    keywords: ['ТОВ'],
  },
  {
    where: 'UA',
    code: 'UA-LAND-EXTRACT',
    name: T(
      'Витяг з Державного земельного кадастру',
      'Wyciąg z państwowego katastru gruntów',
      'Extract from the State Land Cadastre',
    ),
    description: T(
      'Витяг про земельну ділянку для угод і будівництва.',
      'Wyciąg o działce do transakcji i budowy.',
      'An extract about a plot for transactions and construction.',
    ),
    time: 'P10D',
    fee: {
      amount: 13000,
      description: T('Адміністративний збір', 'Opłata administracyjna', 'Administrative fee'),
    },
    documents: [APPLICATION],
    law: {
      title: 'Закон України «Про Державний земельний кадастр»',
      reference: '3613-VI',
      article: 'ст. 38',
    },
    categories: ['construction'],
    lifeEvents: ['building-a-home'],
    keywords: ['кадастр', 'ділянка'],
  },
  {
    where: 'UA',
    code: 'UA-BUILDING-NOTICE',
    name: T(
      'Повідомлення про початок будівельних робіт',
      'Zgłoszenie rozpoczęcia robót budowlanych',
      'Notice of the start of construction work',
    ),
    description: T(
      'Для об’єктів незначних наслідків (СС1).',
      'Dla obiektów o niewielkich skutkach (CC1).',
      'For buildings of minor consequence (CC1).',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [T('Повідомлення встановленої форми', 'Zgłoszenie', 'Notice form')],
    law: {
      title: 'Закон України «Про регулювання містобудівної діяльності»',
      reference: '3038-VI',
      article: 'ст. 36',
    },
    categories: ['construction'],
    lifeEvents: ['building-a-home'],
    online: true,
  },
  {
    where: 'UA',
    code: 'UA-VEHICLE-REG',
    name: T('Реєстрація транспортного засобу', 'Rejestracja pojazdu', 'Vehicle registration'),
    description: T(
      'Реєстрація купленого авто з видачею свідоцтва та номерних знаків.',
      'Rejestracja kupionego pojazdu z dowodem rejestracyjnym i tablicami.',
      'Registering a bought vehicle, with certificate and number plates.',
    ),
    time: 'P1D',
    fee: {
      amount: 38000,
      description: T(
        'Вартість послуги, бланка та номерних знаків',
        'Opłata, blankiet i tablice',
        'Fee, form and number plates',
      ),
    },
    documents: [ID, T('Документ про право власності', 'Dokument własności', 'Proof of ownership')],
    law: {
      title: 'Постанова КМУ № 1388 «Про затвердження Порядку державної реєстрації транспортних засобів»',
      reference: '1388',
    },
    categories: ['transport'],
    lifeEvents: ['buying-a-car'],
    keywords: ['авто', 'машина'],
  },
  {
    where: 'UA',
    code: 'UA-SUBSIDY',
    name: T('Житлова субсидія', 'Dopłata do kosztów mieszkaniowych (subsydium)', 'Housing subsidy'),
    description: T(
      'Допомога на оплату житлово-комунальних послуг.',
      'Pomoc w opłatach za mieszkanie i media.',
      'Help with paying for housing and utilities.',
    ),
    time: 'P10D',
    fee: { amount: 0, description: FREE },
    documents: [
      APPLICATION,
      T(
        'Декларація про доходи та майно',
        'Deklaracja o dochodach i majątku',
        'Income and property declaration',
      ),
    ],
    law: {
      title: 'Постанова КМУ № 848 «Про спрощення порядку надання населенню субсидій»',
      reference: '848',
    },
    categories: ['social'],
    keywords: ['субсидія'],
    online: true,
  },
  {
    where: 'UA',
    code: 'UA-APPEAL',
    name: T(
      'Звернення громадян (заява, пропозиція, скарга)',
      'Wystąpienie obywatela (wniosek, propozycja, skarga)',
      'Citizen’s appeal (request, proposal, complaint)',
    ),
    description: T(
      'Розгляд не пізніше одного місяця, без додаткового вивчення — 15 днів.',
      'Rozpatrzenie w ciągu miesiąca, bez dodatkowej analizy — 15 dni.',
      'Answered within one month; without extra study within 15 days.',
    ),
    time: 'P1M',
    fee: { amount: 0, description: FREE },
    documents: [
      T(
        'Звернення у письмовій або електронній формі',
        'Pismo lub wniosek elektroniczny',
        'A letter or electronic appeal',
      ),
    ],
    law: { title: 'Закон України «Про звернення громадян»', reference: '393/96-ВР', article: 'ст. 20' },
    categories: ['information'],
    online: true,
  },
  {
    where: 'UA',
    code: 'UA-RESIDENTS-CERT',
    name: T(
      'Довідка про зареєстрованих у житловому приміщенні осіб',
      'Zaświadczenie o osobach zameldowanych w lokalu',
      'Certificate of the people registered at an address',
    ),
    description: T(
      'Витяг з реєстру територіальної громади: хто зареєстрований за адресою (для субсидії, нотаріуса).',
      'Wyciąg z rejestru gminy: kto jest zameldowany pod adresem (do dopłaty, notariusza).',
      'An extract of the community register: who is registered at the address (for a subsidy, a notary).',
    ),
    time: 'P1D',
    fee: { amount: 0, description: FREE },
    documents: [ID],
    law: {
      title: 'Закон України «Про свободу пересування та вільний вибір місця проживання»',
      reference: '1382-IV',
      article: 'ст. 8',
    },
    categories: ['residence'],
    keywords: ['довідка', 'склад сім’ї', 'витяг'],
    online: true,
  },
  {
    where: 'UA',
    code: 'UA-PUBLIC-INFO',
    name: T(
      'Запит на публічну інформацію',
      'Wniosek o informację publiczną',
      'Request for public information',
    ),
    description: T(
      'Відповідь протягом 5 робочих днів.',
      'Odpowiedź w ciągu 5 dni roboczych.',
      'Answered within 5 working days.',
    ),
    time: 'P5D',
    fee: { amount: 0, description: FREE },
    documents: [T('Запит у довільній формі', 'Wniosek w dowolnej formie', 'A request in any form')],
    law: {
      title: 'Закон України «Про доступ до публічної інформації»',
      reference: '2939-VI',
      article: 'ст. 20',
    },
    categories: ['information'],
    online: true,
  },
]

/** The demo cards for the demo network: Polish ones at the Lublin office, Ukrainian ones at the ЦНАПs. */
/** Cards a resident usually needs together, shown as related services on each other's pages. */
const RELATED: Record<string, string[]> = {
  'PL-ID-CARD': ['PL-ID-CARD-LOSS', 'PL-RESIDENCE'],
  'PL-ID-CARD-LOSS': ['PL-ID-CARD'],
  'PL-RESIDENCE': ['PL-RESIDENCE-TEMP', 'PL-DEREGISTER'],
  'PL-RESIDENCE-TEMP': ['PL-RESIDENCE'],
  'PL-DEREGISTER': ['PL-RESIDENCE'],
  'PL-BIRTH-REGISTER': ['PL-BIRTH-COPY'],
  'PL-BUILDING-PERMIT': ['PL-ZONING'],
  'PL-ZONING': ['PL-BUILDING-PERMIT'],
  'PL-VEHICLE-REG': ['PL-DRIVING-LICENCE'],
  'PL-PUBLIC-INFO': ['PL-COMPLAINT'],
  'UA-PASSPORT': ['UA-TRAVEL-PASSPORT', 'UA-RESIDENCE'],
  'UA-TRAVEL-PASSPORT': ['UA-PASSPORT'],
  'UA-RESIDENCE': ['UA-PASSPORT', 'UA-IDP-CERT'],
  'UA-IDP-CERT': ['UA-RESIDENCE', 'UA-SUBSIDY'],
  'UA-FOP': ['UA-LLC'],
  'UA-LLC': ['UA-FOP'],
  'UA-BUILDING-NOTICE': ['UA-LAND-EXTRACT'],
  'UA-PUBLIC-INFO': ['UA-APPEAL'],
}

export function demoCatalogue(
  officeIds: Record<string, string>,
  /** The queue serving a card at an office, where the office has one. */
  queueFor: (card: string, officeId: string) => string | undefined = () => undefined,
): ServiceCard[] {
  const pl = [officeIds['LUB-BOM']].filter(Boolean) as string[]
  const ua = [officeIds['LVIV-CNAP'], officeIds['DROH-CNAP'], officeIds['STRYI-CNAP']].filter(
    Boolean,
  ) as string[]
  return CARDS.map((c) => ({
    code: c.code,
    name: c.name,
    description: c.description,
    ...(c.time ? { processingTime: c.time } : {}),
    ...(c.fee
      ? {
          fees: [
            {
              amount: c.fee.amount,
              currency: c.where === 'PL' ? 'PLN' : 'UAH',
              description: c.fee.description,
            },
          ],
        }
      : {}),
    requiredDocuments: c.documents,
    legalBasis: [c.law],
    channels: [{ type: 'in-person' as const }, ...(c.online ? [{ type: 'online' as const }] : [])],
    offices: (c.where === 'PL' ? pl : ua).map((officeId) => {
      const queueId = queueFor(c.code, officeId)
      return queueId ? { officeId, queueId } : { officeId }
    }),
    categories: c.categories,
    ...(c.lifeEvents ? { lifeEvents: c.lifeEvents } : {}),
    ...(c.keywords ? { keywords: c.keywords } : {}),
    ...(RELATED[c.code] ? { related: RELATED[c.code] } : {}),
    ...(DEMO_ESERVICES[c.code] ? { eService: DEMO_ESERVICES[c.code] } : {}),
    notes: T(
      'Демонстраційна картка: перевірте дані перед публікацією.',
      'Karta demonstracyjna: sprawdź dane przed publikacją.',
      'Demo card: check the details before publishing.',
    ),
  }))
}
