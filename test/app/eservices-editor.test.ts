import { expect, it } from 'vitest'
import { publishCard } from '../support/cards.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers } from '../support/factories.js'
import { testApp } from '../support/test-app.js'

const t = (x: string) => ({ uk: `${x} (uk)`, pl: `${x} (pl)`, en: `${x} (en)` })

describeEachDatabase('the editors’ page for a card’s online form', (dialect) => {
  it('builds a form question by question (steps, choices, a condition, order), sets where the case opens, previews it in three languages, exports and imports it', async () => {
    const app = await testApp(dialect, { demo: true })
    const bearers = await demoBearers(app)
    const id = await publishCard(app, bearers.editor, {
      code: 'FORM-EDIT',
      name: t('Permit'),
      description: t('A permit'),
    })
    const other = await publishCard(app, bearers.editor, {
      code: 'FORM-COPY',
      name: t('Copy'),
      description: t('A copy'),
    })
    const editor = await signedInSession(app, 'demo-editor', 'demo-editor-pass')
    const url = `/staff/services/${id}/eservice`
    const eServiceOf = async (card: string) => {
      const shown = (await app.inject({ url: `/api/v1/services/${card}`, headers: bearers.editor })).json<{
        latestVersion: number
      }>()
      return (
        await app.inject({
          url: `/api/v1/services/${card}?version=${shown.latestVersion}`,
          headers: bearers.editor,
        })
      ).json<{
        eService?: {
          form: { steps: { id: string; questions: { id: string; showIf?: unknown }[] }[] }
          signature?: string
          case?: unknown
        }
      }>().eService
    }
    const post = async (path: string, form: Record<string, string>) => {
      const page = await editor.get(`${url}?lang=en`)
      return editor.post(`${url}/${path}`, { _csrf: csrfOf(page.body), ...form })
    }

    expect((await editor.get(`${url}?lang=en`)).body).toContain('This card has no online form yet')
    // The first question opens the first step.
    const first = await post('questions', {
      step: '',
      'step-id': 'who',
      'step-title-uk': 'Хто',
      'step-title-pl': 'Kto',
      'step-title-en': 'Who',
      id: 'kind',
      type: 'choice',
      'label-uk': 'Хто ви?',
      'label-pl': 'Kim jesteś?',
      'label-en': 'Who are you?',
      required: 'on',
      choices: 'person | Особа | Osoba | A person\ncompany | Компанія | Firma | A company',
    })
    expect(first.statusCode, first.body).toBe(303)
    // A question shown only for companies, and a third one.
    expect(
      (
        await post('questions', {
          step: 'who',
          id: 'nip',
          type: 'text',
          'label-uk': 'NIP',
          'label-pl': 'NIP',
          'label-en': 'Tax number',
          'question-if': 'kind',
          'question-in': 'company',
        })
      ).statusCode,
    ).toBe(303)
    expect(
      (
        await post('questions', {
          step: 'who',
          id: 'email',
          type: 'email',
          'label-uk': 'Пошта',
          'label-pl': 'E-mail',
          'label-en': 'E-mail',
          required: 'on',
        })
      ).statusCode,
    ).toBe(303)
    // Refusals beside their fields: a key used twice, a label missing, a choice without choices.
    const taken = await post('questions', {
      step: 'who',
      id: 'kind',
      type: 'text',
      'label-uk': 'a',
      'label-pl': 'a',
      'label-en': 'a',
    })
    expect(taken.statusCode).toBe(422)
    expect(taken.body).toContain('This key is used already')
    const unlabelled = await post('questions', { step: 'who', id: 'x', type: 'choice', 'label-uk': 'a' })
    expect(unlabelled.statusCode).toBe(422)
    expect(unlabelled.body).toContain('id="field-choices-error"')

    let es = await eServiceOf(id)
    expect(es?.form.steps[0]?.questions.map((q) => q.id)).toEqual(['kind', 'nip', 'email'])
    expect(es?.form.steps[0]?.questions[1]?.showIf).toEqual({ question: 'kind', in: ['company'] })
    // Moved up; removed.
    expect((await post('move', { item: 'email', by: '-1' })).statusCode).toBe(303)
    expect((await eServiceOf(id))?.form.steps[0]?.questions.map((q) => q.id)).toEqual([
      'kind',
      'email',
      'nip',
    ])
    // A condition on a question that would come before its target is refused by the catalogue's check.
    const broken = await post('move', { item: 'nip', by: '-1' })
    expect((await post('move', { item: 'nip', by: '-1' })).statusCode).toBe(422)
    expect(broken.statusCode).toBe(303)
    // Settings: a signature, where the case opens.
    expect(
      (await post('settings', { signature: 'required', caseUnit: 'OR', caseSymbol: '016' })).statusCode,
    ).toBe(303)
    const half = await post('settings', { signature: 'none', caseUnit: 'OR', caseSymbol: '' })
    expect(half.statusCode).toBe(422)
    es = await eServiceOf(id)
    expect(es).toMatchObject({ signature: 'required', case: { unit: 'OR', symbol: '016' } })

    // Previewed in each language.
    for (const [lang, label] of [
      ['uk', 'Хто ви?'],
      ['pl', 'Kim jesteś?'],
      ['en', 'Who are you?'],
    ])
      expect((await editor.get(`${url}/preview?lang=${lang}`)).body).toContain(label)

    // Exported, and imported into another centre's card; broken imports are refused with their reason.
    const exported = await editor.get(`${url}.json`)
    expect(exported.headers['content-disposition']).toContain('FORM-EDIT-eservice.json')
    const otherUrl = `/staff/services/${other}/eservice`
    const importPage = await editor.get(`${otherUrl}?lang=en`)
    const bad = await editor.post(`${otherUrl}/import`, {
      _csrf: csrfOf(importPage.body),
      json: '{"form": 1',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('Not a form')
    const wrongCondition = JSON.parse(exported.body)
    wrongCondition.form.steps[0].questions[0].showIf = { question: 'nowhere', in: ['x'] }
    const refusedImport = await editor.post(`${otherUrl}/import`, {
      _csrf: csrfOf(importPage.body),
      json: JSON.stringify(wrongCondition),
    })
    expect(refusedImport.statusCode).toBe(422)
    expect(refusedImport.body).toContain('nowhere')
    const imported = await editor.post(`${otherUrl}/import`, {
      _csrf: csrfOf(importPage.body),
      json: exported.body,
    })
    expect(imported.statusCode, imported.body).toBe(303)
    expect(await eServiceOf(other)).toMatchObject(JSON.parse(exported.body))

    // A question another depends on cannot go first; removing the last questions removes the form.
    expect((await post('remove', { item: 'kind' })).statusCode).toBe(422)
    for (const item of ['nip', 'email', 'kind']) expect((await post('remove', { item })).statusCode).toBe(303)
    expect(await eServiceOf(id)).toBeUndefined()

    // Only editors change forms.
    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const seen = await officer.get(`${url}?lang=en`)
    expect(seen.statusCode).toBe(200)
    expect(
      (await officer.post(`${url}/settings`, { _csrf: csrfOf(seen.body), signature: 'none' })).statusCode,
    ).toBe(403)
  })
})
