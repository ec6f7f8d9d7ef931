import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { safeNextPath } from "@/lib/auth/next-path";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const query = await searchParams;
  return (
    <AuthCard title="Create an account" subtitle="Practise GenAI system design interviews and track your progress.">
      <AuthForm mode="sign-up" next={safeNextPath(query.next)} />
    </AuthCard>
  );
}
