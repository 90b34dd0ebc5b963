import { formatSpans, type OfficeDto, WEEKDAYS, weekdayName } from '../../modules/offices/index.js'
import { CsrfField, Field, Select } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import type { StaffContext } from './staff-layout.js'

type Values = Record<string, string>
type Errors = { field: string; message: string }[]

/** The form values an office shows before any edit. */
export function officeFormValues(office: OfficeDto): Values {
  const values: Values = {
    'name-uk': office.name.uk,
    'name-pl': office.name.pl,
    'name-en': office.name.en,
    'address-street': office.address.street,
    'address-postcode': office.address.postcode,
    'address-city': office.address.city,
    'contact-phone': office.contact.phone ?? '',
    'contact-email': office.contact.email ?? '',
    status: office.status,
    version: String(office.version),
  }
  for (const day of WEEKDAYS) values[`hours-${day}`] = formatSpans(office.openingHours[day])
  return values
}

function NameAndAddress(props: { s: StaffContext; values: Values; errors: Errors }): Html {
  const { st } = props.s
  const v = props.values
  const error = (f: string) => props.errors.find((e) => e.field === f)?.message
  return (
    <>
      <Field
        name="name-uk"
        label={st('office.nameUk')}
        value={v['name-uk']}
        error={error('name-uk')}
        required
      />
      <Field
        name="name-pl"
        label={st('office.namePl')}
        value={v['name-pl']}
        error={error('name-pl')}
        required
      />
      <Field
        name="name-en"
        label={st('office.nameEn')}
        value={v['name-en']}
        error={error('name-en')}
        required
      />
      <Field
        name="address-street"
        label={st('office.street')}
        value={v['address-street']}
        error={error('address-street')}
        required
      />
      <Field
        name="address-postcode"
        label={st('office.postcode')}
        value={v['address-postcode']}
        error={error('address-postcode')}
      />
      <Field
        name="address-city"
        label={st('office.city')}
        value={v['address-city']}
        error={error('address-city')}
        required
      />
    </>
  )
}

/** Change an office: names, address, contact, weekly hours and status (409/412 re-show current values). */
export function EditOfficeForm(props: {
  s: StaffContext
  officeId: string
  values: Values
  errors: Errors
}): Html {
  const { st, ctx, csrf } = props.s
  const v = props.values
  const error = (f: string) => props.errors.find((e) => e.field === f)?.message
  return (
    <form method="post" action={`/staff/offices/${props.officeId}`} novalidate>
      <h2 id="field-office" tabindex="-1">
        {st('office.edit')}
      </h2>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={v.version} />
      <NameAndAddress s={props.s} values={v} errors={props.errors} />
      <Field
        name="contact-phone"
        label={st('office.phone')}
        type="tel"
        value={v['contact-phone']}
        error={error('contact-phone')}
        autocomplete="off"
      />
      <Field
        name="contact-email"
        label={st('office.email')}
        type="email"
        value={v['contact-email']}
        error={error('contact-email')}
        autocomplete="off"
      />
      <fieldset>
        <legend>{st('office.hours')}</legend>
        <p class="hint">{st('office.hoursHint')}</p>
        {WEEKDAYS.map((day) => (
          <Field
            name={`hours-${day}`}
            label={weekdayName(day, ctx.lang)}
            value={v[`hours-${day}`]}
            error={error(`hours-${day}`)}
            maxlength={80}
          />
        ))}
      </fieldset>
      <Select
        name="status"
        label={st('office.status')}
        value={v.status}
        options={[
          { value: 'active', label: st('status.active') },
          { value: 'inactive', label: st('status.inactive') },
        ]}
      />
      <button type="submit">{st('office.saveChanges')}</button>
    </form>
  )
}

/** Add a service centre to the network (admins). */
export function CreateOfficeForm(props: { s: StaffContext; values: Values; errors: Errors }): Html {
  const { st, csrf } = props.s
  const v = props.values
  const error = (f: string) => props.errors.find((e) => e.field === f)?.message
  return (
    <form method="post" action="/staff/offices" novalidate>
      <h2 id="create">{st('network.create')}</h2>
      <CsrfField token={csrf} />
      <Field
        name="code"
        label={st('office.code')}
        hint={st('office.codeHint')}
        value={v.code}
        error={error('code')}
        required
        maxlength={32}
      />
      <NameAndAddress s={props.s} values={v} errors={props.errors} />
      <Select
        name="country"
        label={st('office.country')}
        value={v.country}
        options={[
          { value: 'UA', label: st('country.UA') },
          { value: 'PL', label: st('country.PL') },
        ]}
      />
      <Select
        name="timezone"
        label={st('office.timezone')}
        value={v.timezone}
        options={[
          { value: 'Europe/Kyiv', label: 'Europe/Kyiv' },
          { value: 'Europe/Warsaw', label: 'Europe/Warsaw' },
        ]}
      />
      <Select
        name="defaultLanguage"
        label={st('office.language')}
        value={v.defaultLanguage}
        options={[
          { value: 'uk', label: st('lang.uk') },
          { value: 'pl', label: st('lang.pl') },
          { value: 'en', label: st('lang.en') },
        ]}
      />
      <button type="submit">{st('network.createSubmit')}</button>
    </form>
  )
}
