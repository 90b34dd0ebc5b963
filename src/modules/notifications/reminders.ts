import type { Lang } from '../../platform/i18n/index.js'
import { notificationsTexts } from './notifications.messages.js'
import type { NewNotification, NotificationsService } from './notifications.service.js'

/** An office's running cases overdue or due by the third working day, as the cases module lists them. */
export interface DueInOffice {
  officeId: string
  today: string
  horizon: string
  language: Lang
  items: {
    id: string
    sign: string
    title: string
    dueOn: string
    state: 'overdue' | 'due-today' | 'due-soon'
    overdueDays: number
    assigneeId: string | null
  }[]
}

/**
 * The deadline reminders of one office, for its daily job: each officer with cases overdue or due
 * soon gets one digest a day, and one alert per case when its due date comes within three working
 * days (again if the due date moves); in the staff list and by e-mail, each once.
 */
export function createReminders(
  notifications: Pick<NotificationsService, 'add' | 'deliver'>,
  dueInOffice: (officeId: string) => Promise<DueInOffice | null>,
  publicUrl: string,
) {
  return {
    async remind(officeId: string): Promise<{ added: number; sent: number; failed: number }> {
      const due = await dueInOffice(officeId)
      if (!due) return { added: 0, sent: 0, failed: 0 }
      const t = notificationsTexts(due.language)
      const day = (date: string) =>
        new Intl.DateTimeFormat(due.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${date}T12:00:00Z`),
        )
      const byUser = new Map<string, DueInOffice['items']>()
      for (const item of due.items)
        if (item.assigneeId) byUser.set(item.assigneeId, [...(byUser.get(item.assigneeId) ?? []), item])
      const list: NewNotification[] = []
      for (const [userId, items] of byUser) {
        const overdue = items.filter((i) => i.state === 'overdue')
        const soon = items.filter((i) => i.state !== 'overdue')
        const line = (i: DueInOffice['items'][number]) =>
          t(i.state === 'overdue' ? 'digest.line.overdue' : 'digest.line.soon', {
            sign: i.sign,
            title: i.title,
            due: day(i.dueOn),
            days: i.overdueDays,
          })
        list.push({
          userId,
          officeId,
          kind: 'digest',
          subject: t('digest.subject', { date: day(due.today), overdue: overdue.length, soon: soon.length }),
          body: [
            ...(overdue.length ? [t('digest.overdue'), ...overdue.map(line), ''] : []),
            ...(soon.length ? [t('digest.soon', { horizon: day(due.horizon) }), ...soon.map(line), ''] : []),
            t('digest.link', { url: `${publicUrl}/staff/deadlines?office=${officeId}` }),
            '',
            t('footer'),
          ].join('\n'),
          link: `/staff/deadlines?office=${officeId}`,
          dedupeKey: `digest:${userId}:${officeId}:${due.today}`,
        })
        for (const i of soon)
          list.push({
            userId,
            officeId,
            kind: 'due-soon',
            subject: t('alert.subject', { sign: i.sign, due: day(i.dueOn) }),
            body: [
              t('alert.body', { sign: i.sign, title: i.title, due: day(i.dueOn) }),
              '',
              t('alert.link', { url: `${publicUrl}/staff/cases/${i.id}` }),
            ].join('\n'),
            link: `/staff/cases/${i.id}`,
            dedupeKey: `due-soon:${i.id}:${i.dueOn}:${userId}`,
          })
      }
      const added = await notifications.add(list)
      const { sent, failed } = await notifications.deliver()
      return { added: added.length, sent, failed }
    },
  }
}
