// Stable content hash of a scene so a saver can skip writes when nothing meaningful changed.
// Pure JS (no Node crypto, no SubtleCrypto) so the same code runs in the browser and on the server.

/** Element fields that change without the drawing changing (per-edit counters, random seeds, clocks). */
const VOLATILE_ELEMENT_KEYS = new Set(["version", "versionNonce", "seed", "updated", "lastCommittedPoint"]);

/**
 * 53-bit-ish non-cryptographic string hash with two 32-bit lanes (cyrb53 construction), fed
 * incrementally so large scenes never need one big concatenated string.
 */
class StringHasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  update(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
  }
}

/** JSON with object keys sorted, undefined dropped, so equal content gives equal text. */
function writeCanonical(value: unknown, hasher: StringHasher, skipKeys?: ReadonlySet<string>): void {
  if (value === null || typeof value !== "object") {
    const json = JSON.stringify(value);
    hasher.update(json === undefined ? "null" : json);
    return;
  }
  if (Array.isArray(value)) {
    hasher.update("[");
    value.forEach((item, index) => {
      if (index > 0) hasher.update(",");
      writeCanonical(item, hasher);
    });
    hasher.update("]");
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined && !skipKeys?.has(key))
    .sort();
  hasher.update("{");
  keys.forEach((key, index) => {
    if (index > 0) hasher.update(",");
    hasher.update(JSON.stringify(key));
    hasher.update(":");
    writeCanonical(record[key], hasher);
  });
  hasher.update("}");
}

export interface HashableScene {
  elements: readonly object[];
  files?: Readonly<Record<string, unknown>> | null;
  /** Accepted so a whole scene can be passed; ignored (scroll, zoom and selection are not edits). */
  appState?: unknown;
}

/**
 * Hash of the live elements' meaningful content, in array order (which is z-order for older
 * scenes), plus the ids of attached files. Ignores deleted elements, volatile fields
 * (`version`, `versionNonce`, `seed`, `updated`) and appState (scroll/zoom are not edits).
 * Returns 16 hex characters. Accepts a parsed `Scene` or Excalidraw's own element array.
 */
export function hashScene(scene: HashableScene): string {
  const hasher = new StringHasher();
  hasher.update("elements:");
  for (const element of scene.elements) {
    if ((element as { isDeleted?: unknown }).isDeleted === true) continue;
    writeCanonical(element, hasher, VOLATILE_ELEMENT_KEYS);
    hasher.update("\n");
  }
  // File bytes are immutable per id, so the ids are enough to notice an added or removed image.
  hasher.update("files:");
  hasher.update(
    Object.keys(scene.files ?? {})
      .sort()
      .join(","),
  );
  return hasher.digest();
}
