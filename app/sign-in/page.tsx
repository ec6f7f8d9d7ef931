import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { safeNextPath } from "@/lib/auth/next-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const query = await searchParams;
  const notice = query.expired ? "Your session has expired. Sign in again to continue." : undefined;
  return (
    <AuthCard title="Sign in" subtitle="Pick up your practice where you left it.">
      <AuthForm mode="sign-in" next={safeNextPath(query.next)} notice={notice} />
    </AuthCard>
  );
}
