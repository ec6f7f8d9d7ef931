import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import {
  followUpBankSchema,
  frameworkSchema,
  promptSchema,
  rubricSchema,
  type FollowUpBankContent,
  type FrameworkContent,
  type PromptContent,
  type RubricContent,
} from "./schema";

/** What a catalogue card shows; no part of the interviewer's private pack. */
export interface PromptCard {
  slug: string;
  version: number;
  title: string;
  summary: string;
  domain: string;
  difficulty: string;
  companies: string[];
  tags: string[];
}

export interface Versioned<T> {
  id: string;
  version: number;
  content: T;
}

/** The latest version of every prompt that is not archived, alphabetically. */
export async function listPromptCards(prisma: PrismaClient): Promise<PromptCard[]> {
  const rows = await prisma.prompt.findMany({
    orderBy: [{ slug: "asc" }, { version: "desc" }],
    distinct: ["slug"],
    select: { slug: true, version: true, title: true, summary: true, domain: true, difficulty: true, companies: true, tags: true, archived: true },
  });
  return rows
    .filter((r) => !r.archived)
    .map((r) => ({ slug: r.slug, version: r.version, title: r.title, summary: r.summary, domain: r.domain, difficulty: r.difficulty, companies: r.companies, tags: r.tags }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

export async function getLatestPrompt(prisma: PrismaClient, slug: string): Promise<Versioned<PromptContent> | null> {
  const row = await prisma.prompt.findFirst({ where: { slug }, orderBy: { version: "desc" } });
  if (!row || row.archived) return null;
  return { id: row.id, version: row.version, content: promptSchema.parse(row.data) };
}

export async function listLatestFrameworks(prisma: PrismaClient): Promise<Versioned<FrameworkContent>[]> {
  const rows = await prisma.framework.findMany({ orderBy: [{ slug: "asc" }, { version: "desc" }], distinct: ["slug"] });
  return rows.filter((r) => !r.archived).map((r) => ({ id: r.id, version: r.version, content: frameworkSchema.parse(r.data) }));
}

export async function getLatestRubric(prisma: PrismaClient, slug: string): Promise<Versioned<RubricContent> | null> {
  const row = await prisma.rubric.findFirst({ where: { slug }, orderBy: { version: "desc" } });
  if (!row || row.archived) return null;
  return { id: row.id, version: row.version, content: rubricSchema.parse(row.data) };
}

/** The latest version of every follow-up bank that is not archived. */
export async function listLatestFollowUpBanks(prisma: PrismaClient): Promise<FollowUpBankContent[]> {
  const rows = await prisma.followUpBank.findMany({ orderBy: [{ slug: "asc" }, { version: "desc" }], distinct: ["slug"] });
  return rows.filter((r) => !r.archived).map((r) => followUpBankSchema.parse(r.data));
}
