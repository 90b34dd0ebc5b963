import QRCode from 'qrcode'
import type { Lang } from '../../platform/i18n/index.js'
import { letterPdf } from '../../platform/pdf-table.js'
import { eservicesTexts } from './eservices.messages.js'
import type { ReceiptContents } from './receipt-document.js'

/**
 * The official acknowledgement of receipt as a PDF a person can print or keep: what the sealed XML
 * states, in the applicant's language, and a QR code with the address where anyone checks the sealed
 * original. A rendition only: the XML is what the office sealed.
 */
export async function receiptPdf(contents: ReceiptContents, lang: Lang, checkUrl: string): Promise<Buffer> {
  const t = eservicesTexts(lang)
  const moment = (at: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(at),
    ) + ' UTC'
  return letterPdf({
    title: t('receipt.title'),
    lang,
    paragraphs: [
      t('receipt.office', { office: contents.office.name }),
      t('receipt.number', { number: contents.number }),
      t('receipt.service', { service: contents.service.name }),
      t('receipt.entered', { at: moment(contents.enteredAt) }),
      t('receipt.created', { at: moment(contents.createdAt) }),
      [t('receipt.files'), ...contents.files.map((f) => `${f.name}: ${f.sha256}`)].join('\n'),
      t('receipt.original'),
    ],
    figure: {
      png: await QRCode.toBuffer(checkUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 }),
      caption: checkUrl,
      size: 120,
    },
  })
}
