/**
 * One FAQ's additions from an imported spreadsheet: new question variants, and optionally a
 * replaced answer. The import (import-preview.ts) produces them; the drafts apply them. Shared by
 * both so that neither owns the other's shape.
 */
export interface ImportChange {
  faqId: string;
  questions: { zh: string[]; en: string[] };
  answer?: { zh?: string; en?: string };
}
