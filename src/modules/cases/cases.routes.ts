import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendPrinted } from '../../platform/http/download.js'
import { IfMatchHeaders, ifMatchVersion, setEtag } from '../../platform/http/etag.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { LANGUAGES } from '../../platform/i18n/index.js'
import { actorOf } from '../identity/index.js'
import { CASE_TRANSITIONS, type CaseAction } from './case-transitions.js'
import {
  CaseDto,
  CaseHistoryDto,
  CaseParams,
  CaseRegisterQuery,
  DelayNoticeBody,
  DelayNoticeDto,
  DispatchNoticeBody,
  DueCountsDto,
  DueListDto,
  DueListQuery,
  InTrayQuery,
  NoticeParams,
  OfficeParams,
  OpenCaseBody,
  Party,
  StepBody,
  SubcaseBody,
  TermFields,
} from './cases.schemas.js'
import type { CasesService } from './cases.service.js'

const tags = ['cases']
const changing = { ...problemResponses, 409: Type.Ref('Problem'), 412: Type.Ref('Problem') }
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The same key from the same person gives back the case opened the first time',
    }),
  ),
})
const EditBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    parties: Type.Optional(Type.Array(Party, { maxItems: 50 })),
    ...TermFields,
  },
  { additionalProperties: false, minProperties: 1 },
)
const RegisterQuery = Type.Object(
  { ...CaseRegisterQuery.properties, lang: Type.Optional(Type.Enum(LANGUAGES)) },
  { additionalProperties: false },
)

/** Cases over HTTP: open, read, the in-tray, each workflow step, history, sub-cases, the case register. */
export function casesRoutes(cases: CasesService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }

    app.post(
      '/api/v1/cases',
      {
        ...auth,
        schema: {
          tags,
          summary: "Open a case in a leaf class: the next number of the unit's register (officer, head)",
          headers: IdempotencyHeaders,
          body: OpenCaseBody,
          response: { 201: CaseDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await cases.openCase(actorOf(req), req.body, {
          idempotencyKey: req.headers['idempotency-key'],
        })
        setEtag(reply, dto.version)
        return reply.code(201).send(dto)
      },
    )

    app.get(
      '/api/v1/cases',
      {
        ...auth,
        schema: {
          tags,
          summary:
            "An in-tray: an office's cases the caller may read, mine, my unit's, or awaiting my approval",
          querystring: InTrayQuery,
          response: {
            200: Type.Object({
              items: Type.Array(CaseDto),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...problemResponses,
          },
        },
      },
      async (req) => cases.inTray(actorOf(req), req.query),
    )

    app.post(
      '/api/v1/cases/:id/delay-notices',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Draft a KPA art. 36 notice that the case will be late: the reason, the new date, a PDF in the case file (assignee, head)',
          params: CaseParams,
          body: DelayNoticeBody,
          response: { 201: DelayNoticeDto, ...changing },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await cases.draftDelayNotice(actorOf(req), req.params.id, req.body)),
    )

    app.get(
      '/api/v1/cases/:id/delay-notices',
      {
        ...auth,
        schema: {
          tags,
          summary: "A case's KPA art. 36 notices, drafted and dispatched",
          params: CaseParams,
          response: { 200: Type.Object({ items: Type.Array(DelayNoticeDto) }), ...problemResponses },
        },
      },
      async (req) => cases.delayNotices(actorOf(req), req.params.id),
    )

    app.post(
      '/api/v1/cases/:id/delay-notices/:noticeId/dispatch',
      {
        ...auth,
        schema: {
          tags,
          summary:
            "The notice has left for the parties: its new date becomes the case's due date (assignee, head)",
          params: NoticeParams,
          body: DispatchNoticeBody,
          response: { 200: CaseDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await cases.dispatchDelayNotice(
          actorOf(req),
          req.params.id,
          req.params.noticeId,
          req.body,
        )
        setEtag(reply, dto.version)
        return dto
      },
    )

    app.get(
      '/api/v1/deadlines/cases',
      {
        ...auth,
        schema: {
          tags: ['deadlines'],
          summary:
            "An office's running cases overdue or due by the third working day, the caller's own, a unit's or an officer's",
          querystring: DueListQuery,
          response: { 200: DueListDto, ...problemResponses },
        },
      },
      async (req) => cases.dueList(actorOf(req), req.query),
    )

    app.get(
      '/api/v1/deadlines/centres',
      {
        ...auth,
        schema: {
          tags: ['deadlines'],
          summary:
            'Per centre, how many running cases are overdue and due soon (coordinator, admin, manager)',
          response: { 200: DueCountsDto, ...problemResponses },
        },
      },
      async (req) => cases.dueCounts(actorOf(req)),
    )

    app.get(
      '/api/v1/cases/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'One case, with the steps the caller may take now',
          params: CaseParams,
          response: { 200: CaseDto, ...problemResponses },
        },
      },
      async (req, reply) => {
        const dto = await cases.get(actorOf(req), req.params.id)
        setEtag(reply, dto.version)
        return dto
      },
    )

    app.patch(
      '/api/v1/cases/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Correct the title, parties or term of an open case (assignee, head)',
          params: CaseParams,
          headers: IfMatchHeaders,
          body: EditBody,
          response: { 200: CaseDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await cases.edit(actorOf(req), req.params.id, req.body, ifMatchVersion(req))
        setEtag(reply, dto.version)
        return dto
      },
    )

    app.post(
      '/api/v1/cases/:id/subcases',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Open a sub-case: OR.0152.77.3.2025',
          params: CaseParams,
          body: SubcaseBody,
          response: { 201: CaseDto, ...changing },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await cases.openSubcase(actorOf(req), req.params.id, req.body)),
    )

    app.get(
      '/api/v1/cases/:id/history',
      {
        ...auth,
        schema: {
          tags,
          summary: 'What was done to the case, oldest first',
          params: CaseParams,
          response: { 200: CaseHistoryDto, ...problemResponses },
        },
      },
      async (req) => cases.history(actorOf(req), req.params.id),
    )

    const AccessDto = Type.Object({ userIds: Type.Array(Type.String({ format: 'uuid' })) })
    app.get(
      '/api/v1/cases/:id/access',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Who was given access to the case by name',
          params: CaseParams,
          response: { 200: AccessDto, ...problemResponses },
        },
      },
      async (req) => cases.accessList(actorOf(req), req.params.id),
    )
    app.post(
      '/api/v1/cases/:id/access',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Give one person access to the case (head of the unit or above; audited)',
          params: CaseParams,
          body: Type.Object({ userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
          response: { 200: AccessDto, ...problemResponses },
        },
      },
      async (req) => cases.share(actorOf(req), req.params.id, req.body.userId, true),
    )
    app.delete(
      '/api/v1/cases/:id/access/:userId',
      {
        ...auth,
        schema: {
          tags,
          summary: "Take back one person's access to the case (head of the unit or above; audited)",
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            userId: Type.String({ format: 'uuid' }),
          }),
          response: { 200: AccessDto, ...problemResponses },
        },
      },
      async (req) => cases.share(actorOf(req), req.params.id, req.params.userId, false),
    )

    for (const step of Object.keys(CASE_TRANSITIONS) as CaseAction[]) {
      const t = CASE_TRANSITIONS[step]
      app.post(
        `/api/v1/cases/:id/${step}`,
        {
          ...auth,
          schema: {
            tags,
            summary: `${step}: ${t.doc} (from ${t.from.join(', ')})`,
            params: CaseParams,
            headers: IfMatchHeaders,
            body: Type.Optional(StepBody),
            response: { 200: CaseDto, ...changing },
          },
        },
        async (req, reply) => {
          const dto = await cases.step(actorOf(req), req.params.id, step, req.body ?? {}, ifMatchVersion(req))
          setEtag(reply, dto.version)
          return dto
        },
      )
    }

    app.get(
      '/api/v1/offices/:officeId/case-register',
      {
        ...auth,
        schema: {
          tags,
          summary: "A unit's case register (spis spraw) for a class and year, as JSON, CSV or PDF",
          params: OfficeParams,
          querystring: RegisterQuery,
          response: {
            200: Type.Unknown({ description: 'JSON { items }, text/csv or application/pdf' }),
            ...problemResponses,
          },
        },
      },
      async (req, reply) => {
        const { lang, ...query } = req.query
        const result = await cases.caseRegister(actorOf(req), req.params.officeId, query, lang)
        return result.format === 'json' ? result.body : sendPrinted(reply, result)
      },
    )
  }
}
