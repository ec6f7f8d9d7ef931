/** An interchange file plus its content (prompt, framework, rubric) as scoring input, without a database. Pure. */
import type { FrameworkContent, PromptContent, RubricContent } from "@/lib/content/schema";
import { parseScene, sceneToGraph } from "@/lib/diagram";
import type { ScoringInput } from "@/lib/scoring/types";
import type { InterchangeDoc } from "./schema";

export class InterchangeContentError extends Error {}

export function scoringInputFromDoc(
  doc: InterchangeDoc,
  content: { prompt: PromptContent; framework: FrameworkContent; rubric: RubricContent },
): ScoringInput {
  const ordered = [...doc.messages].sort((a, b) => a.atSeconds - b.atSeconds);
  const lastSecond = ordered.at(-1)?.atSeconds ?? 0;
  const scenes = doc.diagramSnapshots ?? (doc.diagram ? [{ atSeconds: lastSecond, scene: doc.diagram }] : []);
  const snapshots = scenes.map((s, i) => {
    const parsed = parseScene(s.scene);
    if (!parsed.ok) throw new InterchangeContentError(`diagramSnapshots[${i}].scene: ${parsed.error.message}`);
    return { seq: i + 1, atSeconds: s.atSeconds, graph: sceneToGraph(parsed.scene) };
  });
  return {
    ...content,
    level: doc.level,
    mode: doc.mode,
    durationMinutes: doc.durationMinutes,
    messages: ordered.map((m, i) => ({
      id: m.id,
      seq: i + 1,
      role: m.role,
      kind: m.kind ?? "chat",
      content: m.content,
      atSeconds: m.atSeconds,
    })),
    curveballs: (doc.curveballs ?? []).map((c) => ({
      key: c.id,
      atSeconds: c.atSeconds,
      messageId: c.messageId ?? null,
      snapshotSeq: snapshots.filter((s) => s.atSeconds <= c.atSeconds).at(-1)?.seq ?? null,
    })),
    snapshots,
  };
}
