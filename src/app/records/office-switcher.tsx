import { Select } from '../../web/forms.js'
import { type Html, h, raw } from '../../web/jsx.js'

/** A GET form choosing which office a page shows, for those who work in several; nothing for one. */
export function OfficeSwitcher(p: {
  action: string
  office: { id: string }
  offices: { id: string; name: string }[]
  label: string
  show: string
}): Html {
  if (p.offices.length < 2) return raw('')
  return (
    <form method="get" action={p.action} class="inline-form">
      <Select
        name="office"
        label={p.label}
        options={p.offices.map((o) => ({ value: o.id, label: o.name }))}
        value={p.office.id}
      />
      <button type="submit" class="secondary">
        {p.show}
      </button>
    </form>
  )
}
