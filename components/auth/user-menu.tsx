import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

interface MenuUser {
  name: string;
  email: string;
  role: "CANDIDATE" | "COACH" | "ADMIN";
  local: boolean;
}

/** Who is signed in (or sign-in links). Local mode is always visible, so no one mistakes it for an account. */
export function UserMenu({ user }: { user: MenuUser | null }) {
  if (!user) {
    return (
      <div className="flex items-center gap-1">
        <Link href="/sign-in" className={buttonClasses({ variant: "ghost", size: "sm" })}>
          Sign in
        </Link>
        <Link href="/sign-up" className={buttonClasses({ size: "sm" })}>
          Sign up
        </Link>
      </div>
    );
  }
  const initials = user.name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex items-center gap-2">
      {user.local && (
        <span
          title="Local mode: visitors from this machine are signed in as the local admin. Set DATABASE_URL or LOCAL_MODE=0 to require accounts."
          className="rounded-md bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300 ring-inset dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-800"
        >
          Local mode
        </span>
      )}
      <Link
        href="/account"
        aria-label={`Account of ${user.name} (${user.role.toLowerCase()})`}
        className="flex items-center gap-2 rounded-lg px-1.5 py-1 text-sm hover:bg-zinc-200/70 dark:hover:bg-zinc-800"
      >
        <span className="grid size-7 place-items-center rounded-full bg-zinc-900 text-[11px] font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900">
          {initials || "?"}
        </span>
        <span className="hidden max-w-32 truncate md:inline" data-testid="signed-in-user">
          {user.name}
        </span>
      </Link>
    </div>
  );
}
