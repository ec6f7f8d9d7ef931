const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs; one that is not even a UUID names nothing and must not reach a uuid column. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
