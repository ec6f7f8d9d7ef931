// Public API of the diagram module: pure TypeScript, safe in the browser and on the server
// (no DOM, no Excalidraw import, no Node-only APIs).
//
//   parseScene(untrusted)  → validated Scene (caps, schema, deleted elements dropped)
//   hashScene(scene)       → stable content hash for hash-gated saving
//   sceneToGraph(scene)    → nodes / edges / notes / zones with short citable ids
//   graphToDigest(graph)   → short deterministic prompt text (token-budgeted)
//   diffGraphs(a, b)       → what changed; describeDiff(diff) → one paragraph for the interviewer

/** Validation of untrusted scenes and the size caps it enforces. */
export {
  DEFAULT_SCENE_LIMITS,
  MAX_SCENE_BYTES,
  MAX_SCENE_ELEMENTS,
  MAX_TEXT_LENGTH,
  measureSceneBytes,
  parseScene,
  utf8ByteLength,
} from "./scene";
export type {
  ParseSceneOptions,
  ParseSceneResult,
  Scene,
  SceneBinding,
  SceneElement,
  SceneError,
  SceneErrorCode,
  SceneLimits,
} from "./scene";

/** Content hash that ignores volatile fields (version, versionNonce, seed, updated) and appState. */
export { hashScene } from "./hash";
export type { HashableScene } from "./hash";

/** Scene → graph, and the element ids behind a short id (for highlighting in the UI). */
export { elementIdsOf, sceneToGraph } from "./graph";
export type {
  DiagramEdge,
  DiagramGraph,
  DiagramNode,
  DiagramNote,
  DiagramZone,
  GraphOptions,
  LabelSource,
} from "./types";
export type { Box, Point } from "./geometry";

/** Prompt digest and the token estimate used for its budget. */
export { estimateTokens, graphToDigest } from "./digest";
export type { DigestOptions } from "./digest";

/** Snapshot comparison for interviewer follow-ups. */
export { describeDiff, diffGraphs } from "./diff";
export type { DescribeDiffOptions, EdgeChange, GraphDiff } from "./diff";

/** Text hygiene shared with other prompt builders (diagram text is untrusted). */
export { cleanText, quoteSafe, truncateText } from "./text";
