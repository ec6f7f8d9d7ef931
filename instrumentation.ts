// Runs once when a Next.js server starts, before it handles requests: migrate and import content.
export async function register() {
  // The one read of process.env outside lib/env.ts: Next.js replaces this expression at build time,
  // which is what keeps the Node-only database code out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/startup");
  await startServer();
}
