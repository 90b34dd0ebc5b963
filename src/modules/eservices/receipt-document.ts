import { DOMParser } from '@xmldom/xmldom'
import { xmlText } from '../../platform/xml-text.js'

export const RECEIPT_NS = 'https://ratusz.eu/ns/receipt/1'

/**
 * What a receipt states, as ePUAP's receipts do. The acknowledgement of submission (`submission`):
 * when the application reached the office's system and the number it was registered under. The
 * official acknowledgement of receipt (`receipt`): besides, the office's full name, when the receipt
 * was created and the SHA-256 of every file sent; the office seals it.
 */
export interface ReceiptContents {
  id: string
  kind: 'submission' | 'receipt'
  office: { code: string; name: string }
  /** When the application entered the office's system. */
  enteredAt: string
  createdAt: string
  /** The registration number (the incoming register's). */
  number: string
  application: string
  service: { code: string; name: string }
  files: { name: string; sha256: string }[]
}

/** The official acknowledgement of receipt as XML, to be sealed (XAdES enveloped). */
export function receiptXml(c: ReceiptContents): Buffer {
  return Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<Receipt xmlns="${RECEIPT_NS}" Id="${xmlText(c.id)}" kind="${c.kind}">`,
      `<Office code="${xmlText(c.office.code)}">${xmlText(c.office.name)}</Office>`,
      `<EnteredAt>${c.enteredAt}</EnteredAt>`,
      `<CreatedAt>${c.createdAt}</CreatedAt>`,
      `<RegistrationNumber>${xmlText(c.number)}</RegistrationNumber>`,
      `<Application>${xmlText(c.application)}</Application>`,
      `<Service code="${xmlText(c.service.code)}">${xmlText(c.service.name)}</Service>`,
      '<Files>',
      ...c.files.map((f) => `<File name="${xmlText(f.name)}" sha256="${f.sha256}"/>`),
      '</Files>',
      '</Receipt>',
      '',
    ].join('\n'),
  )
}

/** The contents of a receipt file, or null when it is not one of Ratusz's receipts. Never throws. */
export function readReceipt(bytes: Buffer): ReceiptContents | null {
  // A document type could declare entities: a receipt never has one.
  if (bytes.includes('<!DOCTYPE') || bytes.includes('<!ENTITY')) return null
  try {
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(
      bytes.toString('utf8'),
      'application/xml',
    )
    const root = doc.documentElement
    if (root?.localName !== 'Receipt' || root.namespaceURI !== RECEIPT_NS) return null
    const one = (name: string) => root.getElementsByTagNameNS(RECEIPT_NS, name)[0]
    const text = (name: string) => one(name)?.textContent ?? ''
    const kind = root.getAttribute('kind')
    return {
      id: root.getAttribute('Id') ?? '',
      kind: kind === 'submission' ? 'submission' : 'receipt',
      office: { code: one('Office')?.getAttribute('code') ?? '', name: text('Office') },
      enteredAt: text('EnteredAt'),
      createdAt: text('CreatedAt'),
      number: text('RegistrationNumber'),
      application: text('Application'),
      service: { code: one('Service')?.getAttribute('code') ?? '', name: text('Service') },
      files: [...root.getElementsByTagNameNS(RECEIPT_NS, 'File')].map((f) => ({
        name: f.getAttribute('name') ?? '',
        sha256: f.getAttribute('sha256') ?? '',
      })),
    }
  } catch {
    return null
  }
}
