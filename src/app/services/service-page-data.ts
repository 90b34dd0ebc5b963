import type { CatalogueService, ServiceDto } from '../../modules/catalogue/index.js'
import type { OfficesService } from '../../modules/offices/index.js'

/** What a card page shows beside the card: the offices providing it and the related published cards. */
export async function servicePageData(
  card: ServiceDto,
  catalogue: CatalogueService,
  offices: OfficesService,
) {
  const where = new Set((card.offices ?? []).map((o) => o.officeId))
  const related = await Promise.all((card.related ?? []).map((code) => catalogue.getPublishedByCode(code)))
  return {
    offices: (await offices.listPublicOffices()).filter((o) => where.has(o.id)),
    related: related.filter((r): r is ServiceDto => r !== null).map((r) => ({ code: r.code, name: r.name })),
  }
}
