import type { Lang } from '../../platform/i18n/index.js'
import { xmlText } from '../../platform/xml-text.js'
import type { Question } from '../catalogue/index.js'
import type { Answer } from './form-answers.js'

export const APPLICATION_NS = 'https://ratusz.eu/ns/application/1'

/** What an application document states: who applies, for what, to whom, and every answer given. */
export interface ApplicationFacts {
  service: { code: string; version: number; name: string }
  office: { code: string; name: string }
  lang: Lang
  applicant: Applicant
  /** The questions asked, in the form's order, with the answers kept. */
  questions: readonly Question[]
  answers: Readonly<Record<string, Answer>>
  /** The files sent, by the question they answer. */
  files: readonly { question: string; name: string; sha256: string; size: number }[]
}

export interface Applicant {
  name: string | null
  email: string | null
  /** As the identity provider verified it: `PESEL` or `RNOKPP`. */
  identifier: { kind: string; value: string } | null
}

function shownValue(q: Question, a: Answer, lang: Lang): string {
  const label = (value: string) => q.choices?.find((c) => c.value === value)?.label[lang] ?? value
  if (q.type === 'choice' && typeof a === 'string') return label(a)
  if (Array.isArray(a)) return a.map(label).join('; ')
  if (typeof a === 'boolean') return a ? 'true' : 'false'
  return String(a)
}

/**
 * The application as a document (XML): the answers in words, each question's label in the
 * applicant's language, the files by name and SHA-256. It is what the resident signs when the card
 * asks for a signature and what the office files as the letter; the same facts give the same bytes
 * (no clock in it), so the office can tell that a signed copy is of these answers.
 */
export function applicationDocument(facts: ApplicationFacts): Buffer {
  const { applicant: who, lang } = facts
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Application xmlns="${APPLICATION_NS}" xml:lang="${lang}">`,
    `<Service code="${xmlText(facts.service.code)}" version="${facts.service.version}">${xmlText(facts.service.name)}</Service>`,
    `<Office code="${xmlText(facts.office.code)}">${xmlText(facts.office.name)}</Office>`,
    '<Applicant>',
    ...(who.name ? [`<Name>${xmlText(who.name)}</Name>`] : []),
    ...(who.email ? [`<Email>${xmlText(who.email)}</Email>`] : []),
    ...(who.identifier
      ? [`<Identifier kind="${xmlText(who.identifier.kind)}">${xmlText(who.identifier.value)}</Identifier>`]
      : []),
    '</Applicant>',
    '<Answers>',
  ]
  for (const q of facts.questions) {
    const a = facts.answers[q.id]
    if (a === undefined) continue
    if (q.type === 'file') {
      for (const f of facts.files.filter((f) => f.question === q.id))
        lines.push(
          `<File question="${q.id}" label="${xmlText(q.label[lang])}" name="${xmlText(f.name)}" size="${f.size}" sha256="${f.sha256}"/>`,
        )
      continue
    }
    const value = Array.isArray(a) ? a.join(' ') : typeof a === 'object' ? '' : String(a)
    lines.push(
      `<Answer question="${q.id}" type="${q.type}" label="${xmlText(q.label[lang])}" value="${xmlText(value)}">${xmlText(shownValue(q, a, lang))}</Answer>`,
    )
  }
  lines.push('</Answers>', '</Application>', '')
  return Buffer.from(lines.join('\n'))
}
