import { translatorsFor } from '../../platform/i18n/index.js'
import en from './eservice-editor.messages.en.json' with { type: 'json' }
import plTexts from './eservice-editor.messages.pl.json' with { type: 'json' }
import ukTexts from './eservice-editor.messages.uk.json' with { type: 'json' }

/** Texts of the editors' page for a card's online form. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export const editorTexts = translatorsFor<Key>({ en, pl, uk })
