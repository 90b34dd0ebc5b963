/** Text or an attribute value made safe to put in XML (`&`, `<`, `>`, `"` escaped). */
export const xmlText = (text: string | number | null | undefined): string =>
  String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
