/** A list request this package cannot answer (bad cursor, bad filter): the route answers 400 `invalid`. */
export class ListQueryError extends Error {
  override readonly name = 'ListQueryError';
}
