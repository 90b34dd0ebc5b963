import type { Readable } from 'node:stream'
import { declaredBlobType, safeFileName } from '../../platform/blobs.js'
import { notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import type { Actor } from '../identity/index.js'
import { transition } from './entry-transitions.js'
import type { EntryDto, RegistryContext } from './registry.context.js'
import { registryRules } from './registry.policy.js'
import * as repo from './registry.repository.js'
import type { Direction } from './registry.schemas.js'

/** The job that validates the signatures of a register file after it is stored. */
export const CHECK_SIGNATURES_JOB = 'registry.check-file-signatures'
/** The kinds of file that carry signatures: PAdES, XAdES, CAdES. */
export const SIGNABLE = new Set(['pdf', 'xml', 'der'])

/** Scans, attachments and return receipts of register entries, streamed into the blob store. */
export function registerFiles(ctx: RegistryContext) {
  const editRule = (direction: Direction) =>
    direction === 'incoming' ? registryRules.editIncoming : registryRules.writeOutgoing

  return {
    /**
     * Adds a file to an entry. The entry's rights and state are checked before a byte is stored;
     * the content streams into the blob store, refused (413/415) past the size limit, when of a
     * type not accepted, or when it is not what its Content-Type says.
     */
    async addFile(
      actor: Actor,
      direction: Direction,
      id: string,
      file: { content: Readable; name: string | undefined; mediaType: string | undefined },
    ): Promise<EntryDto> {
      const before = await ctx.mustLoad(actor, direction, id, editRule(direction))
      transition(before, 'file')
      const blob = await ctx.blobs.put(file.content, {
        maxBytes: ctx.config.uploadMaxBytes,
        types: ctx.config.uploadTypes,
        declared: declaredBlobType(file.mediaType),
      })
      const fileId = newId()
      const name = safeFileName(file.name)
      return ctx.change(
        actor,
        direction,
        id,
        'file',
        editRule(direction),
        async (row, trx) => {
          await repo.insertFile(trx, {
            id: fileId,
            entryId: row.id,
            sha256: blob.sha256,
            name,
            type: blob.type,
            size: blob.size,
            uploadedAt: ctx.clock.now().toISOString(),
            uploadedBy: actor.login,
            signatures: null,
          })
          // Who signed it, checked once it is stored (a kind that can carry signatures).
          if (SIGNABLE.has(blob.type))
            await ctx.jobs.enqueue(
              trx,
              CHECK_SIGNATURES_JOB,
              { fileId },
              { key: `${CHECK_SIGNATURES_JOB}:${fileId}`, maxAttempts: 3 },
            )
          return {}
        },
        { summary: () => ({ fileId, name, type: blob.type, size: blob.size, sha256: blob.sha256 }) },
      )
    },

    /**
     * The job after a file is committed: validates its signatures and keeps who signed it with the file.
     * Safe to repeat; a file checked before is not checked again.
     */
    async checkFileSignatures(payload: { fileId: string }) {
      const file = await repo.fileById(ctx.db, payload.fileId)
      if (!file || file.signatures !== null) return { checked: false }
      const chunks: Buffer[] = []
      for await (const chunk of await ctx.blobs.get(file.sha256)) chunks.push(chunk as Buffer)
      const found = await ctx.ports.signaturesIn(Buffer.concat(chunks))
      await repo.recordFileSignatures(ctx.db, file.id, JSON.stringify(found))
      return { checked: true, signatures: found.length }
    },

    /** A file of an entry, streamed out, for whoever may read the entry. */
    async openFile(actor: Actor, direction: Direction, id: string, fileId: string) {
      await ctx.mustLoad(actor, direction, id, registryRules.read)
      const file = await repo.findFile(ctx.db, id, fileId)
      if (!file) throw notFound('File')
      return { file: ctx.toFileDto(file), content: await ctx.blobs.get(file.sha256) }
    },
  }
}
