/**
 * Emulation of Anthropic prompt caching, so tests and benchmarks can measure cache hits.
 *
 * The prompt is flattened into blocks (system blocks, then each message's content blocks). A block
 * with `cache_control` is a breakpoint: the prefix ending there is written to the cache. A later
 * request reads from the cache the longest prefix that was written before and is still a prefix of
 * it, and pays cache creation for the rest up to its last breakpoint. Unlike the real API there is
 * no minimum cacheable length and no expiry.
 */
import { createHash, type Hash } from "node:crypto";
import { blockText, isRecord, tokensForChars } from "./text";

/** One unit of the prompt, in the order the model sees it. */
export interface PromptBlock {
  /** "system" or the message role. */
  role: string;
  /** Text counted for tokens. */
  text: string;
  /** Identity of the block for prefix matching (excludes cache_control itself). */
  key: string;
  hasCacheControl: boolean;
}

export interface CacheUsage {
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

const NO_CACHE: CacheUsage = { cacheCreationTokens: 0, cacheReadTokens: 0 };

/** Flattens an Anthropic `system` + `messages` pair into prompt blocks. */
export function anthropicPromptBlocks(system: unknown, messages: unknown): PromptBlock[] {
  const blocks = contentBlocks("system", system);
  if (Array.isArray(messages)) {
    for (const message of messages) {
      if (!isRecord(message)) continue;
      blocks.push(...contentBlocks(String(message.role ?? "user"), message.content));
    }
  }
  return blocks;
}

function contentBlocks(role: string, content: unknown): PromptBlock[] {
  if (typeof content === "string") {
    // A string is shorthand for one text block, and must match it for prefix caching.
    return content === "" ? [] : contentBlocks(role, [{ type: "text", text: content }]);
  }
  if (!Array.isArray(content)) return [];
  return content.map((block): PromptBlock => {
    const record = isRecord(block) ? block : {};
    const { cache_control: cacheControl, ...identity } = record;
    return {
      role,
      text: blockText(block),
      key: JSON.stringify([role, identity]),
      hasCacheControl: cacheControl !== undefined && cacheControl !== null,
    };
  });
}

/** The whole prompt's text, as counted for input tokens. */
export function promptText(blocks: readonly PromptBlock[]): string {
  return blocks.map((block) => block.text).join("\n");
}

export class PromptCache {
  private readonly writtenPrefixes = new Set<string>();

  /** Cache tokens for a request with these blocks; records its breakpoint prefixes as written. */
  measure(blocks: readonly PromptBlock[]): CacheUsage {
    const lastBreakpoint = blocks.findLastIndex((block) => block.hasCacheControl);
    if (lastBreakpoint < 0) return NO_CACHE;

    const prefixes = prefixHashes(blocks.slice(0, lastBreakpoint + 1));
    let readChars = 0;
    for (const prefix of prefixes) {
      if (this.writtenPrefixes.has(prefix.hash)) readChars = prefix.chars;
    }
    blocks.slice(0, lastBreakpoint + 1).forEach((block, index) => {
      const prefix = prefixes[index];
      if (block.hasCacheControl && prefix) this.writtenPrefixes.add(prefix.hash);
    });

    const cachedChars = prefixes[lastBreakpoint]?.chars ?? 0;
    const cacheReadTokens = tokensForChars(readChars);
    return { cacheReadTokens, cacheCreationTokens: tokensForChars(cachedChars) - cacheReadTokens };
  }

  clear(): void {
    this.writtenPrefixes.clear();
  }
}

/** For each block, the hash and text length of the prompt prefix ending with that block. */
function prefixHashes(blocks: readonly PromptBlock[]): Array<{ hash: string; chars: number }> {
  const running: Hash = createHash("sha256");
  let chars = 0;
  return blocks.map((block, index) => {
    running.update(block.key).update("\n");
    // Counted as if blocks were joined with newlines, like the request's total (promptText).
    chars += block.text.length + (index > 0 ? 1 : 0);
    return { hash: running.copy().digest("hex"), chars };
  });
}
