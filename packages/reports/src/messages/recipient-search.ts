/**
 * Recipient search (Customer Support's main task). Stored recipients are bare, lower-cased addresses,
 * so the search is lower-cased too (case-insensitive). A complete address (`local@domain.tld`) is an
 * exact match, which the bloom-filter index on `recipient` answers without scanning; anything else is a
 * substring match.
 */
export interface RecipientSearch {
  mode: 'exact' | 'substring';
  value: string;
}

const COMPLETE_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function recipientSearchOf(text: string | undefined): RecipientSearch | undefined {
  const value = (text ?? '').trim().toLowerCase();
  if (value === '') return undefined;
  return { mode: COMPLETE_ADDRESS.test(value) ? 'exact' : 'substring', value };
}

/** SQL condition on `recipient` with the parameter `recipientSearch`. */
export function recipientSearchSql(search: RecipientSearch): string {
  return search.mode === 'exact'
    ? 'recipient = {recipientSearch:String}'
    : 'position(recipient, {recipientSearch:String}) > 0';
}

/** The same match in TypeScript (oracles, and the reading of the rule). */
export function matchesRecipientSearch(recipient: string, search: RecipientSearch): boolean {
  return search.mode === 'exact' ? recipient === search.value : recipient.includes(search.value);
}
