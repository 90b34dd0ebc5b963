import { Ajv2020 } from 'ajv/dist/2020.js'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { testApp } from '../support/test-app.js'

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
})
