import { z } from "zod";
const ev = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("quote"), messageId: z.string().describe("id"), quote: z.string() }),
  z.strictObject({ kind: z.literal("node"), nodeId: z.string() }),
]);
const s = z.strictObject({
  evidence: z.array(ev).max(20),
  reasoning: z.string().max(3000),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.null()]),
  injectionSuspected: z.boolean(),
});
console.log(JSON.stringify(z.toJSONSchema(s, { target: "draft-7", io: "input" }), null, 1));
console.log(JSON.stringify(z.toJSONSchema(z.enum(["a"]).nullable())));
