import { describe, expect, it } from 'vitest'
import { definitionProblems, type FormDefinition } from '../catalogue/index.js'
import { checkAnswers, questionsAsked } from './form-answers.js'

const t = (text: string) => ({ uk: text, pl: text, en: text })

/** A residence registration (meldunek), as an editor would define it. */
const MELDUNEK: FormDefinition = {
  format: 1,
  steps: [
    {
      id: 'who',
      title: t('Who'),
      questions: [
        { id: 'name', type: 'text', label: t('Name'), personal: true },
        { id: 'pesel', type: 'pesel', label: t('PESEL'), personal: true },
        { id: 'email', type: 'email', label: t('E-mail'), required: false },
        {
          id: 'kind',
          type: 'choice',
          label: t('Stay'),
          choices: [
            { value: 'permanent', label: t('Permanent') },
            { value: 'temporary', label: t('Temporary') },
          ],
        },
        { id: 'until', type: 'date', label: t('Until'), showIf: { question: 'kind', in: ['temporary'] } },
      ],
    },
    {
      id: 'owner',
      title: t('The owner’s consent'),
      showIf: { question: 'kind', in: ['permanent'] },
      questions: [
        { id: 'consent', type: 'file', label: t('Consent'), file: { types: ['pdf'], maxBytes: 1_000_000 } },
      ],
    },
    {
      id: 'end',
      title: t('Declaration'),
      questions: [
        { id: 'rooms', type: 'number', label: t('Rooms'), min: 1, max: 20, required: false },
        { id: 'true', type: 'declaration', label: t('I declare the data true') },
      ],
    },
  ],
}

describe('form answers', () => {
  it('asks only the questions whose conditions hold, and drops answers to the others', () => {
    expect(questionsAsked(MELDUNEK, { kind: 'temporary' }).map((q) => q.id)).toEqual([
      'name',
      'pesel',
      'email',
      'kind',
      'until',
      'rooms',
      'true',
    ])
    const { answers, problems } = checkAnswers(MELDUNEK, {
      name: '  Zofia Łęcka ',
      pesel: '44051401359',
      kind: 'temporary',
      until: '2027-06-30',
      consent: { type: 'pdf', size: 10, sha256: 'a' },
      true: true,
    })
    expect(problems).toEqual([])
    expect(answers).toEqual({
      name: 'Zofia Łęcka',
      pesel: '44051401359',
      kind: 'temporary',
      until: '2027-06-30',
      true: true,
    })
  })

  it('names each wrong or missing answer by its question, as the page shows them beside the field', () => {
    const { problems } = checkAnswers(MELDUNEK, {
      pesel: '44051401358',
      email: 'not-an-address',
      kind: 'permanent',
      consent: { type: 'png', size: 10, sha256: 'a' },
      rooms: '0',
    })
    expect(problems).toEqual([
      { path: 'answers.name', message: 'is required', keyword: 'required' },
      {
        path: 'answers.pesel',
        message: 'is not a valid PESEL (11 digits with a check digit)',
        keyword: 'format',
      },
      { path: 'answers.email', message: 'must be an e-mail address', keyword: 'format' },
      { path: 'answers.consent', message: 'must be pdf', keyword: 'fileType' },
      { path: 'answers.rooms', message: 'must be 1 or more', keyword: 'minimum' },
      { path: 'answers.true', message: 'must be confirmed', keyword: 'confirm' },
    ])
  })

  it('finds what JSON Schema cannot: a key used twice, a condition on a later or unchoosable question, a choice without choices', () => {
    const broken: FormDefinition = {
      format: 1,
      steps: [
        {
          id: 's',
          title: t('S'),
          showIf: { question: 'later', in: ['x'] },
          questions: [
            { id: 'a', type: 'text', label: t('A') },
            { id: 'a', type: 'choice', label: t('A again') },
            { id: 'b', type: 'text', label: t('B'), showIf: { question: 'a', in: ['x'] } },
            { id: 'later', type: 'file', label: t('F') },
          ],
        },
      ],
    }
    expect(definitionProblems(broken)).toEqual([
      { path: 'steps.0.showIf', message: 'refers to later, which is not an earlier question' },
      { path: 'steps.0.questions.1.id', message: 'a is used twice' },
      { path: 'steps.0.questions.1.choices', message: 'a choice needs its choices' },
      { path: 'steps.0.questions.3.file', message: 'a file question needs its types and size' },
    ])
    expect(definitionProblems(MELDUNEK)).toEqual([])
  })
})
