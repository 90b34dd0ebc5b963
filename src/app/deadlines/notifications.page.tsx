import { CsrfField, Notice } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import { type DueKey, dueTexts } from './deadlines.messages.js'

interface Item {
  id: string
  subject: string
  body: string
  link: string | null
  createdAt: string
  readAt: string | null
  email: string
}

/** A staff member's notifications: each with its text, a link to what it is about, and "mark as read". */
export function NotificationsPage(p: {
  s: StaffContext
  items: Item[]
  unread: number
  onlyUnread: boolean
  done: string | null
}): Html {
  const t = dueTexts(p.s.ctx.lang)
  return (
    <StaffLayout s={p.s} title={t('nt.title')}>
      <h1>{t('nt.title')}</h1>
      <p>{t('nt.intro')}</p>
      <Notice message={p.done} />
      <p role="status">{t('nt.unread', { n: p.unread })}</p>
      <p>
        <a href="/staff/notifications?unread=true" aria-current={p.onlyUnread ? 'page' : undefined}>
          {t('nt.onlyUnread')}
        </a>{' '}
        <a href="/staff/notifications" aria-current={p.onlyUnread ? undefined : 'page'}>
          {t('nt.all')}
        </a>
      </p>
      {p.items.length === 0 ? <p>{t('nt.none')}</p> : null}
      <ul class="notifications">
        {p.items.map((n) => (
          <li class={n.readAt ? 'read' : 'unread'}>
            <article aria-labelledby={`n-${n.id}`}>
              <h2 id={`n-${n.id}`}>{n.subject}</h2>
              <p class="meta">
                {n.createdAt.replace('T', ' ').slice(0, 16)} · {t(`nt.email.${n.email}` as DueKey)}
                {n.readAt ? ` · ${t('nt.read')}` : ''}
              </p>
              <pre class="notification-body">{n.body}</pre>
              {n.link ? <a href={n.link}>{t('nt.open')}</a> : null}
              {n.readAt ? null : (
                <form method="post" action={`/staff/notifications/${n.id}/read`} class="inline-form">
                  <CsrfField token={p.s.csrf} />
                  <button type="submit" class="secondary">
                    {t('nt.markRead')}
                  </button>
                </form>
              )}
            </article>
          </li>
        ))}
      </ul>
    </StaffLayout>
  )
}
