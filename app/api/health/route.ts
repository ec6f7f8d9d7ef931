import { checkHealth } from "@/lib/health";

/** App and database status, for monitors and for the e2e suite's readiness check. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
