// Text placed in hand-built SVG or HTML strings (the server-drawn charts and map): the five characters
// that could end an element or an attribute, escaped.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
