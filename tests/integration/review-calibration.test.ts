/**
 * Calibration data on a tiny hand-seeded set: which (AI, coach) pairs reviews produce (overrides, and
 * confirmations by complete reviews) and the per-dimension statistics, checked against values worked
 * out by hand below. The statistics' own edge cases are tests/unit/scoring/calibration.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { collectCalibrationPairs, loadCalibration } from "@/lib/review";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { seedContent } from "../support/interview";
import { createUser } from "../support/users";

// Two dimensions of the shipped rubric, A and B below.
const A = "problem-framing";
const B = "estimation";

/*
 * The seeded set (AI levels per report, what each review did):
 *   R1 (offline):   A=3, B=2. Coach 1, COMPLETE: overrides A 3→2; B confirmed (2,2).
 *   R2 (offline):   A=2, B=4. Coach 1, COMPLETE: overrides B 4→3; A confirmed (2,2).
 *   R3 (anthropic): A=4, B=not assessable. Coach 2, IN PROGRESS: overrides A 4→3, B null→2 (unpaired).
 *                   An in-progress review confirms nothing.
 *
 * A: ai = [3, 2, 4], coach = [2, 2, 3]   (n = 3)
 *   mean bias = (1 + 0 + 1) / 3 = 2/3; exact = 1/3; within one = 3/3.
 *   Spearman: ai ranks [2, 1, 3]; coach ranks [1.5, 1.5, 3]. Deviations from the mean rank 2:
 *     dx = [0, -1, 1], dy = [-0.5, -0.5, 1]; sxy = 1.5, sxx = 2, syy = 1.5; rho = 1.5 / sqrt(3) = 0.866025…
 *   QWK on positions (level - 1): ai [2, 1, 3], coach [1, 1, 2]; observed sum d² = 1 + 0 + 1 = 2.
 *     AI counts {1:1, 2:1, 3:1}, coach counts {1:2, 2:1}. Expected sum d² · a_i · c_j:
 *     i=1: (0·2 + 1·1) = 1; i=2: (1·2 + 0·1) = 2; i=3: (4·2 + 1·1) = 9 → 12.
 *     kappa = 1 - n · 2 / 12 = 1 - 6/12 = 0.5.
 * B: ai = [2, 4], coach = [2, 3]   (n = 2), 1 unpaired override
 *   mean bias = (0 + 1) / 2 = 0.5; exact = 1/2; within one = 1; Spearman: ranks [1, 2] vs [1, 2] → 1.
 *   QWK: ai [1, 3], coach [1, 2]; observed = 0 + 1 = 1. Counts AI {1:1, 3:1}, coach {1:1, 2:1}.
 *     Expected: i=1: (0 + 1) = 1; i=3: (4 + 1) = 5 → 6. kappa = 1 - 2 · 1 / 6 = 2/3.
 * With model = offline (R3 left out): A: ai [3, 2], coach [2, 2] → bias 0.5, Spearman null (the coach
 *   is constant), QWK: observed 1; AI {1:1, 2:1}, coach {1:2}; expected = 0·2 + 1·2 = 2; kappa = 1 - 2·1/2 = 0.
 */
describe("calibration data", () => {
  let db: TestDatabase;
  let coach1: SessionUser;
  let coach2: SessionUser;
  let candidate: SessionUser;
  let rubricId: string;

  async function seedReport(model: string, levels: Record<string, number | null>) {
    const [prompt, framework, rubric] = await Promise.all([
      db.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt" } }),
      db.prisma.framework.findFirstOrThrow({ where: { slug: "nine-step" } }),
      db.prisma.rubric.findFirstOrThrow({ where: { slug: "genai-default" }, include: { dimensions: true } }),
    ]);
    const interview = await db.prisma.interview.create({
      data: {
        ownerId: candidate.id,
        promptId: prompt.id,
        frameworkId: framework.id,
        rubricId: rubric.id,
        level: "SENIOR",
        mode: "INTERVIEW",
        model,
        durationMinutes: 45,
        status: "ENDED",
        endsAt: new Date(),
      },
    });
    const report = await db.prisma.report.create({
      data: { interviewId: interview.id, rubricId: rubric.id, status: "COMPLETE", source: "OFFLINE" },
    });
    const dimension = (key: string) => rubric.dimensions.find((d) => d.key === key)!.id;
    for (const [key, level] of Object.entries(levels)) {
      await db.prisma.dimensionScore.create({
        data: { reportId: report.id, dimensionId: dimension(key), level, rationale: "seeded", evidence: [] },
      });
    }
    return { reportId: report.id, dimension };
  }

  async function seedReview(
    coach: SessionUser,
    report: Awaited<ReturnType<typeof seedReport>>,
    status: "IN_PROGRESS" | "COMPLETE",
    overrides: { key: string; ai: number | null; coach: number }[],
  ) {
    const review = await db.prisma.review.create({
      data: {
        reportId: report.reportId,
        coachId: coach.id,
        status,
        completedAt: status === "COMPLETE" ? new Date() : null,
      },
    });
    for (const o of overrides) {
      await db.prisma.coachOverride.create({
        data: {
          reviewId: review.id,
          dimensionId: report.dimension(o.key),
          aiLevel: o.ai,
          coachLevel: o.coach,
          reason: "seeded reason",
        },
      });
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContent(db);
    coach1 = await createUser(db, "COACH");
    coach2 = await createUser(db, "COACH");
    candidate = await createUser(db, "CANDIDATE");
    rubricId = (await db.prisma.rubric.findFirstOrThrow({ where: { slug: "genai-default" } })).id;

    const r1 = await seedReport("offline", { [A]: 3, [B]: 2 });
    await seedReview(coach1, r1, "COMPLETE", [{ key: A, ai: 3, coach: 2 }]);
    const r2 = await seedReport("offline", { [A]: 2, [B]: 4 });
    await seedReview(coach1, r2, "COMPLETE", [{ key: B, ai: 4, coach: 3 }]);
    const r3 = await seedReport("anthropic:claude-sonnet-4-6", { [A]: 4, [B]: null });
    await seedReview(coach2, r3, "IN_PROGRESS", [
      { key: A, ai: 4, coach: 3 },
      { key: B, ai: null, coach: 2 },
    ]);
    // A review opened and left untouched contributes nothing.
    const r4 = await seedReport("offline", { [A]: 1, [B]: 1 });
    await seedReview(coach2, r4, "IN_PROGRESS", []);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("collects overrides from every review and confirmations from complete ones", async () => {
    const { pairs, unpaired, reviewsCounted } = await collectCalibrationPairs(db.prisma);
    const sorted = (key: string) =>
      pairs
        .filter((p) => p.dimensionKey === key)
        .map((p) => `${p.source}:${p.ai}->${p.coach}`)
        .sort();
    expect(sorted(A)).toEqual(["confirmed:2->2", "override:3->2", "override:4->3"]);
    expect(sorted(B)).toEqual(["confirmed:2->2", "override:4->3"]);
    expect(pairs).toHaveLength(5);
    expect(unpaired.get(B)).toBe(1);
    expect(reviewsCounted).toBe(3);
  });

  it("per dimension: pairs, quadratic-weighted kappa, Spearman, mean bias, as worked out by hand", async () => {
    const result = await loadCalibration(db.prisma, coach1, {});
    expect(result.rows).toHaveLength(11); // every dimension of the rubric, in its order
    expect(result.rows[0]?.dimensionKey).toBe(A);
    const a = result.rows.find((r) => r.dimensionKey === A)!;
    expect(a).toMatchObject({ pairs: 3, overridden: 2, confirmed: 1, unpaired: 0 });
    expect(a.quadraticWeightedKappa).toBeCloseTo(0.5, 10);
    expect(a.spearman).toBeCloseTo(1.5 / Math.sqrt(3), 10);
    expect(a.meanBias).toBeCloseTo(2 / 3, 10);
    expect(a.exactAgreement).toBeCloseTo(1 / 3, 10);
    expect(a.withinOne).toBe(1);

    const b = result.rows.find((r) => r.dimensionKey === B)!;
    expect(b).toMatchObject({
      pairs: 2,
      overridden: 1,
      confirmed: 1,
      unpaired: 1,
      spearman: 1,
      meanBias: 0.5,
      exactAgreement: 0.5,
    });
    expect(b.quadraticWeightedKappa).toBeCloseTo(2 / 3, 10);

    const untouched = result.rows.find((r) => r.dimensionKey === "architecture")!;
    expect(untouched).toMatchObject({ pairs: 0, quadraticWeightedKappa: null, spearman: null, meanBias: null });
    expect(result.overall.pairs).toBe(5);
    expect(result.options.models).toEqual(["anthropic:claude-sonnet-4-6", "offline"]);
    expect(result.options.rubrics).toEqual([{ id: rubricId, label: expect.stringMatching(/ v1$/) }]);
  });

  it("filters by model and by rubric version", async () => {
    const offline = await loadCalibration(db.prisma, coach1, { model: "offline" });
    const a = offline.rows.find((r) => r.dimensionKey === A)!;
    expect(a).toMatchObject({ pairs: 2, quadraticWeightedKappa: 0, spearman: null, meanBias: 0.5 });
    expect(offline.rows.find((r) => r.dimensionKey === B)).toMatchObject({ pairs: 2, unpaired: 0 });

    expect((await loadCalibration(db.prisma, coach1, { rubric: rubricId })).overall.pairs).toBe(5);
    const elsewhere = await loadCalibration(db.prisma, coach1, { rubric: crypto.randomUUID() });
    expect(elsewhere.overall.pairs).toBe(0);
    expect(elsewhere.rows).toEqual([]);
  });

  it("is for coaches and admins only", async () => {
    await expect(loadCalibration(db.prisma, candidate, {})).rejects.toBeInstanceOf(AppError);
  });
});
