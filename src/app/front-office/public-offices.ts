import { Type } from 'typebox'
import type { OfficeDto, OfficesService } from '../../modules/offices/index.js'
import { notFound } from '../../platform/errors.js'

/** `/offices/{code}/…` pages name an office by its code. */
export const OfficeCodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' }) })

/** The active offices the public screens (kiosk, board, booking, ticket) are for, by code or id. */
export function publicOffices(offices: OfficesService) {
  return {
    async byCode(code: string): Promise<OfficeDto> {
      const office = (await offices.listPublicOffices()).find((o) => o.code === code)
      if (!office) throw notFound('Office')
      return office
    },
    byId: (id: string): Promise<OfficeDto | undefined> => offices.publicOffice(id),
  }
}
