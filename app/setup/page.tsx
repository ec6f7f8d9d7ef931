import type { Metadata } from "next";
import { connection } from "next/server";
import { SetupForm } from "@/components/auth/account-forms";
import { AuthCard } from "@/components/auth/auth-card";
import { setupTokenValid } from "@/lib/auth/bootstrap";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Set up Tradeoff" };

export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await connection();
  const token = (await searchParams).token;
  const valid = typeof token === "string" && (await setupTokenValid(await getDb(), token));
  return (
    <AuthCard title="Set up Tradeoff" subtitle="Create the first admin account of this server.">
      {valid ? (
        <SetupForm token={token} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          This setup link is invalid, expired or already used. The server prints a fresh link at every start until an
          admin exists.
        </p>
      )}
    </AuthCard>
  );
}
