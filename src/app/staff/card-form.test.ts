import { describe, expect, it } from 'vitest'
import { changedFields } from '../../modules/catalogue/index.js'
import { demoCatalogue } from '../demo/demo-catalogue.js'
import { LIFE_EVENTS, TOPICS } from '../services/services.messages.js'
import { cardFromForm, formFromCard, rowCount } from './card-form.js'

const officeIds = { 'LUB-BOM': 'office-pl', 'LVIV-CNAP': 'office-lviv', 'DROH-CNAP': 'office-droh' }
const choices = {
  topics: Object.keys(TOPICS),
  lifeEvents: Object.keys(LIFE_EVENTS),
  officeIds: Object.values(officeIds),
}

describe('the card editor form', () => {
  it('gives back every demo card unchanged when saved without edits', () => {
    for (const card of demoCatalogue(officeIds)) {
      const again = cardFromForm(formFromCard(card), choices, card)
      expect(changedFields(card, again as typeof card), card.code).toEqual([])
    }
  })

  it('reads several fees and acts, drops blank rows, and keeps what the form does not show', () => {
    const previous = {
      ...demoCatalogue(officeIds)[0]!,
      offices: [{ officeId: 'office-lviv', queueId: 'queue-a' }],
      channels: [{ type: 'post' as const, description: { uk: 'Листом', pl: 'Listem', en: 'By letter' } }],
    }
    const form = {
      ...formFromCard(previous),
      'fees-1-amount': '12,50',
      'fees-1-currency': 'uah',
      'fees-1-description-uk': 'Терміново',
      'fees-1-description-pl': 'Tryb pilny',
      'fees-1-description-en': 'Urgent',
      'fees-2-amount': '',
      'legalBasis-1-title': 'Закон України «Про адміністративні послуги»',
      'legalBasis-1-url': 'https://zakon.rada.gov.ua/laws/show/5203-17',
      'office-office-droh': 'on',
      keywords: 'pasport, паспорт ,  ',
    }
    const card = cardFromForm(form, choices, previous) as typeof previous
    expect(card.fees?.[1]).toEqual({
      amount: 1250,
      currency: 'UAH',
      description: { uk: 'Терміново', pl: 'Tryb pilny', en: 'Urgent' },
    })
    expect(card.fees).toHaveLength(2)
    expect(card.legalBasis?.[1]).toEqual({
      title: 'Закон України «Про адміністративні послуги»',
      url: 'https://zakon.rada.gov.ua/laws/show/5203-17',
    })
    expect(card.offices).toEqual([
      { officeId: 'office-lviv', queueId: 'queue-a' },
      { officeId: 'office-droh' },
    ])
    expect(card.channels).toEqual([previous.channels[0]])
    expect(card.keywords).toEqual(['pasport', 'паспорт'])
    expect(rowCount(form, 'fees')).toBe(4)
  })

  it('keeps a malformed amount as a value validation refuses, so the field is named', () => {
    const card = cardFromForm({ 'fees-0-amount': '12.345', 'fees-0-currency': 'PLN' }, choices)
    expect((card.fees as { amount: number }[])[0]!.amount).toBe(-1)
  })

  it('reads the processing time from its picker, and keeps a duration the picker cannot show', () => {
    const card = demoCatalogue(officeIds)[0]!
    const form = formFromCard({ ...card, processingTime: 'P30D' })
    expect([form.processingTimeAmount, form.processingTimeUnit, form.processingTime]).toEqual([
      '30',
      'D',
      undefined,
    ])
    expect(
      cardFromForm({ ...form, processingTimeAmount: '2', processingTimeUnit: 'W' }, choices, card)
        .processingTime,
    ).toBe('P2W')
    expect(cardFromForm({ ...form, processingTimeAmount: '' }, choices, card).processingTime).toBeUndefined()
    const composite = formFromCard({ ...card, processingTime: 'P1M15D' })
    expect(composite.processingTimeAmount).toBeUndefined()
    expect(cardFromForm(composite, choices, card).processingTime).toBe('P1M15D')
    expect(
      cardFromForm({ ...composite, processingTimeAmount: '3', processingTimeUnit: 'M' }, choices, card)
        .processingTime,
    ).toBe('P3M')
    // Not a number: passed on as typed, so that validation names the field.
    expect(cardFromForm({ ...form, processingTimeAmount: 'two' }, choices, card).processingTime).toBe('PtwoD')
  })
})
