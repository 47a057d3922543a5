/** A JSON object as OCDS releases are made of. */
export type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasId = (value: unknown): value is JsonObject & { id: unknown } => isObject(value) && value.id !== undefined && value.id !== null;

/**
 * `later` merged onto `earlier` by the OCDS merge rules (schema 1.1, "Merging"):
 * objects merge field by field, a null removes the field, arrays whose items
 * are all objects with an `id` merge item by item on that id (new ids are
 * appended), and every other value (strings, numbers, other arrays) replaces
 * what was there.
 */
export function mergeJson(earlier: unknown, later: unknown): unknown {
  if (isObject(earlier) && isObject(later)) {
    const merged: JsonObject = { ...earlier };
    for (const [key, value] of Object.entries(later)) {
      if (value === null) delete merged[key];
      else merged[key] = key in merged ? mergeJson(merged[key], value) : mergeJson(undefined, value);
    }
    return merged;
  }
  if (Array.isArray(later) && later.length > 0 && later.every(hasId)) {
    const merged: JsonObject[] = Array.isArray(earlier) && earlier.every(hasId) ? [...earlier] : [];
    for (const item of later) {
      const at = merged.findIndex((existing) => String(existing.id) === String(item.id));
      if (at < 0) merged.push(mergeJson(undefined, item) as JsonObject);
      else merged[at] = mergeJson(merged[at], item) as JsonObject;
    }
    return merged;
  }
  // a fresh object still loses its nulls
  if (isObject(later)) return mergeJson({}, later);
  return later;
}

/** The fields every release has of its own, left out of a compiled release (`omitWhenMerged`). */
const OWN_FIELDS = ['id', 'date', 'tag'];

/**
 * The compiled release of one contracting process: its releases (oldest
 * first) merged in order, tagged `compiled`, dated by the newest release and
 * named after it, so the same releases always compile to the same release.
 */
export function compileReleases<Release extends JsonObject>(releases: readonly Release[]): JsonObject {
  if (releases.length === 0) throw new Error('a compiled release needs at least one release');
  const merged = releases.reduce<JsonObject>((compiled, release) => {
    const own = Object.fromEntries(Object.entries(release).filter(([key]) => !OWN_FIELDS.includes(key)));
    return mergeJson(compiled, own) as JsonObject;
  }, {});
  const newest = releases[releases.length - 1];
  const { ocid, ...rest } = merged;
  return { ocid, id: `${String(newest.id)}-compiled`, date: newest.date, tag: ['compiled'], ...rest };
}
