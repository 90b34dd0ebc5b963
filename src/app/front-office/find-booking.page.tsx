import { ErrorSummary, Field } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { bookingTexts } from './booking.messages.js'

/** Find a booking by its code (GET form, no JavaScript): the code leads to the booking's page. */
export function FindBookingPage(props: { ctx: PageContext; code?: string; error?: string }): Html {
  const bt = bookingTexts(props.ctx.lang)
  const errors = props.error ? [{ field: 'code', message: props.error }] : []
  return (
    <Layout ctx={props.ctx} title={bt('book.find.title')}>
      <h1>{bt('book.find.title')}</h1>
      <ErrorSummary title={bt('book.find.title')} errors={errors} />
      <form method="get" action="/appointments/find" novalidate>
        <Field
          name="code"
          label={bt('book.find.code')}
          hint={bt('book.find.hint')}
          value={props.code}
          error={props.error}
          autocomplete="off"
          maxlength={20}
          required
        />
        <button type="submit">{bt('book.find.submit')}</button>
      </form>
      <p>
        <a href="/book">{bt('book.find.book')}</a>
      </p>
    </Layout>
  )
}
