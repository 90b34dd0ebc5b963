import en from './cards.messages.en.json' with { type: 'json' }
import pl from './cards.messages.pl.json' with { type: 'json' }
import uk from './cards.messages.uk.json' with { type: 'json' }
/** Texts of the staff catalogue pages: the card list, the editor, history and diff. */
export const cardsEn = en

export type CardsKey = keyof typeof cardsEn

export const cardsPl: Record<CardsKey, string> = pl

export const cardsUk: Record<CardsKey, string> = uk
