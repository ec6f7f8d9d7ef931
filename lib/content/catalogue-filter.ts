/** Catalogue filtering, pure so the browser and tests share it. */
import type { PromptCard } from "./repository";

export interface CatalogueFilter {
  q: string;
  domain: string;
  company: string;
  difficulty: string;
}

export const EMPTY_FILTER: CatalogueFilter = { q: "", domain: "", company: "", difficulty: "" };

/** Reads a filter from URL search params, ignoring anything unexpected. */
export function filterFromParams(params: Record<string, string | string[] | undefined>): CatalogueFilter {
  const one = (key: keyof CatalogueFilter) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.slice(0, 200) ?? "";
  };
  return { q: one("q"), domain: one("domain"), company: one("company"), difficulty: one("difficulty") };
}

export function filterToQuery(filter: CatalogueFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

const normalise = (text: string) => text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");

/** Cards matching every set filter; the text query must match all its words (title, summary, tags, companies). */
export function filterCards(cards: PromptCard[], filter: CatalogueFilter): PromptCard[] {
  const words = normalise(filter.q).split(/\s+/).filter(Boolean);
  return cards.filter((card) => {
    if (filter.domain && card.domain !== filter.domain) return false;
    if (filter.difficulty && card.difficulty !== filter.difficulty) return false;
    if (filter.company && !card.companies.includes(filter.company)) return false;
    if (words.length === 0) return true;
    const haystack = normalise([card.title, card.summary, card.tags.join(" "), card.companies.join(" "), card.domain].join(" "));
    return words.every((word) => haystack.includes(word));
  });
}
