import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-accent-600 dark:text-accent-400 text-sm font-medium">404</p>
      <h1 className="mt-2 text-2xl font-semibold">We could not find that page</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">It may have been archived, or the link is mistyped.</p>
      <ButtonLink href="/practice" className="mt-6" variant="secondary">
        Browse practice prompts
      </ButtonLink>
    </div>
  );
}
