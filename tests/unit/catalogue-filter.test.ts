import { describe, expect, it } from "vitest";
import { EMPTY_FILTER, filterCards, filterFromParams, filterToQuery } from "@/lib/content/catalogue-filter";
import type { PromptCard } from "@/lib/content/repository";

const card = (over: Partial<PromptCard>): PromptCard => ({
  slug: "x",
  version: 1,
  title: "X",
  summary: "",
  domain: "chat",
  difficulty: "medium",
  companies: [],
  tags: [],
  ...over,
});
const cards = [
  card({
    slug: "chatgpt",
    title: "Design ChatGPT",
    summary: "A chat assistant at scale",
    domain: "chat",
    difficulty: "hard",
    companies: ["OpenAI"],
    tags: ["streaming"],
  }),
  card({
    slug: "search",
    title: "Enterprise search",
    summary: "Search over company documents",
    domain: "rag-search",
    difficulty: "medium",
    companies: ["Glean"],
    tags: ["hybrid-search"],
  }),
  card({
    slug: "copilot",
    title: "Code completion",
    summary: "Inline suggestions in the IDE",
    domain: "code",
    difficulty: "hard",
    companies: ["GitHub", "OpenAI"],
  }),
];
const slugs = (list: PromptCard[]) => list.map((c) => c.slug);

describe("catalogue filter", () => {
  it("returns everything with no filter", () => {
    expect(slugs(filterCards(cards, EMPTY_FILTER))).toEqual(["chatgpt", "search", "copilot"]);
  });

  it("filters by domain, difficulty and company together", () => {
    expect(slugs(filterCards(cards, { ...EMPTY_FILTER, difficulty: "hard" }))).toEqual(["chatgpt", "copilot"]);
    expect(slugs(filterCards(cards, { ...EMPTY_FILTER, difficulty: "hard", company: "GitHub" }))).toEqual(["copilot"]);
    expect(slugs(filterCards(cards, { ...EMPTY_FILTER, domain: "rag-search" }))).toEqual(["search"]);
    expect(filterCards(cards, { ...EMPTY_FILTER, domain: "code", company: "Glean" })).toEqual([]);
  });

  it("matches every word of the text query across title, summary, tags and companies, ignoring case and accents", () => {
    expect(slugs(filterCards(cards, { ...EMPTY_FILTER, q: "openai" }))).toEqual(["chatgpt", "copilot"]);
    expect(slugs(filterCards(cards, { ...EMPTY_FILTER, q: "IDE suggéstions" }))).toEqual(["copilot"]);
    expect(slugs(filterCards(cards, { ...EMPTY_FILTER, q: "hybrid" }))).toEqual(["search"]);
    expect(filterCards(cards, { ...EMPTY_FILTER, q: "chat nonexistent" })).toEqual([]);
  });

  it("round-trips through the URL and ignores unknown or repeated params", () => {
    const filter = { q: "rag eval", domain: "rag-search", company: "", difficulty: "medium" };
    const query = filterToQuery(filter);
    expect(query).toBe("?q=rag+eval&domain=rag-search&difficulty=medium");
    const params = Object.fromEntries(new URLSearchParams(query));
    expect(filterFromParams({ ...params, other: "x" })).toEqual(filter);
    expect(filterFromParams({ domain: ["code", "chat"] }).domain).toBe("code");
    expect(filterToQuery(EMPTY_FILTER)).toBe("");
  });
});
