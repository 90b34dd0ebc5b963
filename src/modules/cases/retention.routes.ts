import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendPrinted } from '../../platform/http/download.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import { CaseDto } from './cases.schemas.js'
import type { CasesService } from './cases.service.js'
import {
  ConsentBody,
  DestructionListDto,
  EligibleDto,
  EligibleQuery,
  ListPdfQuery,
  NewDestructionListBody,
  TransferBody,
} from './retention.schemas.js'

const tags = ['retention']
const changing = { ...problemResponses, 409: Type.Ref('Problem') }

/** Retention over HTTP: what is eligible, destruction lists with the archive's consent, transfer packages. */
export function retentionRoutes(cases: CasesService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }
    app.get(
      '/api/v1/retention/eligible',
      {
        ...auth,
        schema: {
          tags,
          summary:
            "An office's closed cases whose time has come on a day: to destroy, review or transfer (manager, admin)",
          querystring: EligibleQuery,
          response: { 200: EligibleDto, ...problemResponses },
        },
      },
      async (req) => cases.eligible(actorOf(req), req.query.officeId, req.query.on),
    )
    app.post(
      '/api/v1/retention/destruction-lists',
      {
        ...auth,
        schema: {
          tags,
          summary: 'List the cases that may be destroyed, for the state archive’s consent (manager, admin)',
          body: NewDestructionListBody,
          response: { 201: DestructionListDto, ...changing },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await cases.createDestructionList(actorOf(req), req.body.officeId, req.body.on)),
    )
    app.get(
      '/api/v1/retention/destruction-lists/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'One destruction list',
          params: IdParams,
          response: { 200: DestructionListDto, ...problemResponses },
        },
      },
      async (req) => cases.destructionList(actorOf(req), req.params.id),
    )
    app.get(
      '/api/v1/retention/destruction-lists/:id/pdf',
      {
        ...auth,
        schema: {
          tags,
          summary: 'The list as PDF (spis dokumentacji niearchiwalnej), for the state archive',
          params: IdParams,
          querystring: ListPdfQuery,
          produces: ['application/pdf'],
          response: problemResponses,
        },
      },
      async (req, reply) =>
        sendPrinted(reply, await cases.destructionListPdf(actorOf(req), req.params.id, req.query.lang)),
    )
    app.post(
      '/api/v1/retention/destruction-lists/:id/consent',
      {
        ...auth,
        schema: {
          tags,
          summary: "Record the state archive's consent to the list, with its reference (manager, admin)",
          params: IdParams,
          body: ConsentBody,
          response: { 200: DestructionListDto, ...changing },
        },
      },
      async (req) => cases.recordConsent(actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/api/v1/retention/destruction-lists/:id/destroy',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Destroy what a consented list names: files removed, tombstones kept; 409 without consent',
          params: IdParams,
          response: { 200: DestructionListDto, ...changing },
        },
      },
      async (req) => cases.destroy(actorOf(req), req.params.id),
    )
    app.post(
      '/api/v1/cases/:id/transferred',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Record that the state archive took a category A case, with its reference (manager, admin)',
          params: IdParams,
          body: TransferBody,
          response: { 200: CaseDto, ...changing },
        },
      },
      async (req) => cases.recordTransfer(actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/api/v1/cases/:id/transfer-package',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'The transfer package of a closed category A case for the state archive: ZIP with metadata.xml, files and SHA256SUMS',
          params: IdParams,
          produces: ['application/zip'],
          response: problemResponses,
        },
      },
      async (req, reply) => {
        const pkg = await cases.transferPackage(actorOf(req), req.params.id)
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${pkg.fileName.replace(/[^\w.-]/g, '_')}"`)
          .send(pkg.body)
      },
    )
  }
}
