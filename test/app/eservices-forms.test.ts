import { Ajv2020 } from 'ajv/dist/2020.js'
import { expect, it } from 'vitest'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers } from '../support/factories.js'
import { problemOf, testApp } from '../support/test-app.js'

const t = (text: string) => ({ uk: text, pl: text, en: text })

describeEachDatabase('form definitions', (dialect) => {
  it('publishes the JSON Schema of a form definition, which accepts a real form and names what a broken one lacks', async () => {
    const app = await testApp(dialect)
    const res = await app.inject({ url: '/api/v1/forms/schema.json' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/schema+json')
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(res.json())
    const form = {
      format: 1,
      steps: [
        {
          id: 'request',
          title: t('Your request'),
          questions: [
            {
              id: 'subject',
              type: 'long-text',
              label: t('What information do you ask for?'),
              maxLength: 5000,
            },
            { id: 'rnokpp', type: 'rnokpp', label: t('РНОКПП'), personal: true, required: false },
            {
              id: 'how',
              type: 'choice',
              label: t('How should we answer?'),
              choices: [
                { value: 'email', label: t('By e-mail') },
                { value: 'post', label: t('By post') },
              ],
            },
            {
              id: 'address',
              type: 'address',
              label: t('Address'),
              showIf: { question: 'how', in: ['post'] },
            },
          ],
        },
      ],
    }
    expect(validate(form), JSON.stringify(validate.errors)).toBe(true)
    const broken = { format: 1, steps: [{ id: 'Bad Key', title: { pl: 'Tylko po polsku' }, questions: [] }] }
    expect(validate(broken)).toBe(false)
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/steps/0/id', '/steps/0/title', '/steps/0/questions']),
    )
    expect(
      validate({
        ...form,
        steps: [{ ...form.steps[0], questions: [{ id: 'x', type: 'signature', label: t('x') }] }],
      }),
    ).toBe(false)
  })

  it('keeps a form in its service card, versioned with it, refuses one that does not hold together, and survives the card editor', async () => {
    const app = await testApp(dialect, { demo: true })
    const bearers = await demoBearers(app)
    const form = {
      format: 1,
      steps: [
        {
          id: 'stay',
          title: t('Your stay'),
          questions: [
            { id: 'pesel', type: 'pesel', label: t('PESEL'), personal: true },
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
      ],
    }
    const card = {
      code: 'MELDUNEK-E',
      name: t('Residence registration'),
      description: t('Register where you live'),
      eService: { form, signature: 'required', case: { unit: 'OR', symbol: '5340' } },
    }
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: bearers.editor,
      payload: card,
    })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json<{ id: string }>().id
    const read = await app.inject({ url: `/api/v1/services/${id}`, headers: bearers.editor })
    expect(read.json()).toMatchObject({
      version: 1,
      eService: { signature: 'required', form: { steps: [{ id: 'stay' }] } },
    })
    // A condition on a question asked later does not hold together: refused, naming where.
    const broken = {
      ...card,
      eService: {
        form: {
          format: 1,
          steps: [
            {
              ...form.steps[0],
              questions: [form.steps[0]!.questions[2], ...form.steps[0]!.questions.slice(0, 2)],
            },
          ],
        },
      },
    }
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${id}`,
      headers: bearers.editor,
      payload: broken,
    })
    expect(refused.statusCode).toBe(422)
    expect(problemOf(refused).errors).toEqual([
      {
        path: 'body.eService.form.steps.0.questions.0.showIf',
        message: 'refers to kind, which is not an earlier question',
      },
    ])
    // The card's editor page saves the card without touching its form.
    const editor = await signedInSession(app, 'demo-editor', 'demo-editor-pass')
    const page = await editor.get(`/staff/services/${id}?lang=en`)
    expect(page.statusCode).toBe(200)
    const saved = await editor.post(`/staff/services/${id}`, {
      _csrf: csrfOf(page.body),
      version: '1',
      code: 'MELDUNEK-E',
      'name-uk': 'Реєстрація місця проживання',
      'name-pl': 'Zameldowanie',
      'name-en': 'Residence registration',
      'description-uk': 'Зареєструйте місце проживання',
      'description-pl': 'Zamelduj się',
      'description-en': 'Register where you live',
      'notes-uk': 'Паспорт',
      'notes-pl': 'Dowód',
      'notes-en': 'Bring your ID',
    })
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303)
    const after = await app.inject({ url: `/api/v1/services/${id}`, headers: bearers.editor })
    expect(after.json()).toMatchObject({
      version: 2,
      notes: { en: 'Bring your ID' },
      eService: { signature: 'required' },
    })
  })
})
