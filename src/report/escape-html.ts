/**
 * Escapes text for HTML and SVG, in element content and in quoted attributes alike. Every value
 * from the input (account ids, reasons, file names) goes through it: a snapshot may hold anything.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
