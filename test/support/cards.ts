import { expect } from 'vitest'
import type { TestApp } from './test-app.js'

/** Creates a service card and publishes it, as an editor does; its id. */
export async function publishCard(app: TestApp, editor: { authorization: string }, body: object) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/services',
    headers: editor,
    payload: body,
  })
  expect(created.statusCode, created.body).toBe(201)
  const id = created.json<{ id: string }>().id
  expect(
    (await app.inject({ method: 'POST', url: `/api/v1/services/${id}/publish`, headers: editor })).statusCode,
  ).toBe(200)
  return id
}
