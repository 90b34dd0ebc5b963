import type { MultilingualText } from '../../platform/i18n/index.js'
import type { ServiceDto } from './catalogue.schemas.js'

/**
 * A service card in the EU Core Public Service Vocabulary Application Profile (CPSV-AP 3.2.0) as
 * JSON-LD. The context is inline (prefixes only), so the document expands without fetching SEMIC's
 * context over the network; terms are the profile's own IRIs.
 */
export const CPSV_CONTEXT = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  eli: 'http://data.europa.eu/eli/ontology#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  foaf: 'http://xmlns.com/foaf/0.1/',
} as const

export interface CompetentAuthority {
  /** A stable IRI of the office, e.g. https://e-office.example/offices/LUB-BOM. */
  iri: string
  name: MultilingualText
  /** ISO 3166-1 alpha-2 of the office's country. */
  country: string
  email?: string | undefined
  phone?: string | undefined
}

const COUNTRY: Record<string, string> = { PL: 'POL', UA: 'UKR' }
const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority'
const CHANNEL_TYPE: Record<string, string> = { 'in-person': 'ASSISTED', post: 'MAIL', online: 'WEBSITE' }

function langs(text: MultilingualText) {
  return (['uk', 'pl', 'en'] as const).map((l) => ({ '@language': l, '@value': text[l] }))
}

function concept(iri: string) {
  return { '@id': iri, '@type': 'skos:Concept' }
}

/** The card as one CPSV-AP PublicService node with its competent authority, costs, evidence and channels. */
export function toCpsvAp(
  card: ServiceDto,
  base: string,
  authority: CompetentAuthority,
): Record<string, unknown> {
  const iri = `${base}/services/${card.code}`
  const country = COUNTRY[authority.country] ?? authority.country
  const contactPoint =
    authority.email || authority.phone
      ? {
          '@id': `${authority.iri}#contact`,
          '@type': 'cv:ContactPoint',
          ...(authority.email ? { 'cv:email': authority.email } : {}),
          ...(authority.phone ? { 'cv:telephone': authority.phone } : {}),
        }
      : null
  return {
    '@context': CPSV_CONTEXT,
    '@id': iri,
    '@type': 'cpsv:PublicService',
    'dct:identifier': card.code,
    'dct:title': langs(card.name),
    'dct:description': langs(card.description),
    'cv:hasCompetentAuthority': {
      '@id': authority.iri,
      '@type': 'cv:PublicOrganisation',
      'skos:prefLabel': langs(authority.name),
      'dct:spatial': { '@id': `${EU_AUTHORITY}/country/${country}`, '@type': 'dct:Location' },
    },
    ...(card.processingTime
      ? { 'cv:processingTime': { '@value': card.processingTime, '@type': 'xsd:duration' } }
      : {}),
    ...(card.fees?.length
      ? {
          'cv:hasCost': card.fees.map((fee, i) => ({
            '@id': `${iri}#cost-${i + 1}`,
            '@type': 'cv:Cost',
            'dct:identifier': `${card.code}-cost-${i + 1}`,
            'cv:hasValue': { '@value': String(fee.amount / 100), '@type': 'xsd:double' },
            'cv:currency': concept(`${EU_AUTHORITY}/currency/${fee.currency}`),
            'dct:description': langs(fee.description),
          })),
        }
      : {}),
    ...(card.requiredDocuments?.length
      ? {
          'cpsv:hasInput': card.requiredDocuments.map((doc, i) => ({
            '@id': `${iri}#evidence-${i + 1}`,
            '@type': 'cv:Evidence',
            'dct:identifier': `${card.code}-evidence-${i + 1}`,
            'dct:title': langs(doc),
          })),
        }
      : {}),
    ...(card.channels?.length
      ? {
          'cv:hasChannel': card.channels.map((channel, i) => ({
            '@id': `${iri}#channel-${i + 1}`,
            '@type': 'cv:Channel',
            'dct:identifier': `${card.code}-channel-${i + 1}`,
            'dct:type': concept(`${EU_AUTHORITY}/channel/${CHANNEL_TYPE[channel.type]}`),
            ...(channel.description ? { 'dct:description': langs(channel.description) } : {}),
          })),
        }
      : {}),
    ...(card.legalBasis?.length
      ? {
          'cv:hasLegalResource': card.legalBasis.map((law, i) => ({
            '@id': law.url ?? `${iri}#legal-${i + 1}`,
            '@type': 'eli:LegalResource',
            'dct:title': law.title,
            ...(law.reference ? { 'dct:identifier': law.reference } : {}),
          })),
        }
      : {}),
    ...(contactPoint ? { 'cv:contactPoint': contactPoint } : {}),
  }
}
