/**
 * What "New prompt" (framework, rubric, follow-up bank) starts from: every field present and empty,
 * so the form shows the whole shape and the first check lists what is still missing. Pure.
 */
import type { ContentKind } from "./kinds";
import { CORE_FACT_TOPICS } from "./schema";

const LEVEL_LABELS = ["Below the bar", "Approaching the bar", "At the bar", "Above the bar"];

export function newItemTemplate(kind: ContentKind): Record<string, unknown> {
  switch (kind) {
    case "prompt":
      return {
        kind: "prompt",
        slug: "",
        title: "",
        summary: "",
        domain: "chat",
        difficulty: "hard",
        companies: [],
        tags: [],
        brief: "",
        factSheet: CORE_FACT_TOPICS.map((topic) => ({ topic, answer: "", askedAs: [] })),
        probes: [],
        curveballs: [],
        levelBars: { mid: "", senior: "", staff: "" },
        referenceOutline: {
          requirements: [],
          estimates: [],
          architecture: [],
          deepDives: [],
          tradeoffs: [],
          failureModes: [],
        },
      };
    case "framework":
      return { kind: "framework", slug: "", title: "", summary: "", baseMinutes: 45, steps: [] };
    case "rubric":
      return {
        kind: "rubric",
        slug: "",
        title: "",
        summary: "",
        dimensions: [
          {
            key: "",
            title: "",
            description: "",
            weight: 100,
            levels: LEVEL_LABELS.map((label, i) => ({ level: i + 1, label, anchor: "" })),
            expectations: { mid: "", senior: "", staff: "" },
            signals: [],
          },
        ],
        redFlags: [],
      };
    case "followups":
      return { kind: "followups", slug: "", title: "", questions: [] };
  }
}
