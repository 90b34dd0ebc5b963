/** English page texts; the other catalogues must have every key of this one. */
export const en = {
  'site.name': 'Ratusz',
  'site.tagline': 'The e-office of your town hall and service centres',
  'skip.toContent': 'Skip to main content',
  'nav.label': 'Main menu',
  'nav.home': 'Home',
  'nav.services': 'Services',
  'nav.book': 'Book a visit',
  'nav.api': 'API for developers',
  'nav.staff': 'Staff sign-in',
  'lang.label': 'Language',
  'home.title': 'Welcome to the e-office',
  'home.intro':
    'Find out what you need for your matter, where to go and when the service centres are open. Staff sign in to serve residents, register correspondence and handle cases.',
  'home.offices.heading': 'Service centres',
  'home.offices.empty': 'No service centre has been set up yet.',
  'home.offices.hours': 'Opening hours',
  'home.offices.closed': 'closed',
  'home.offices.closures': 'Closed in the next two weeks',
  'home.offices.address': 'Address',
  'home.offices.contact': 'Contact',
  'home.offices.phone': 'Phone',
  'home.offices.email': 'E-mail',
  'footer.about': 'Ratusz is open-source software for municipal one-stop service centres.',
  'error.notFound.title': 'Page not found',
  'error.notFound.body':
    'There is no page at this address. Check the address or start again from the home page.',
  'error.forbidden.title': 'You may not open this page',
  'error.forbidden.body':
    "Your account's roles do not include this page. If you need it, ask your office manager.",
  'error.generic.title': 'Something went wrong',
  'error.generic.body': 'We could not complete your request. Please try again in a moment.',
  'error.reference': 'Reference for support: {id}',
  'error.backHome': 'Back to the home page',
} as const

export type MessageKey = keyof typeof en
