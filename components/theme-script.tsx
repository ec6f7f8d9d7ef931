/**
 * Sets the `dark` class on <html> before the first paint (no flash of the wrong theme): the saved
 * choice wins, otherwise the OS setting.
 */
const script = `(() => {
  try {
    const saved = localStorage.getItem("tradeoff-theme");
    const dark = saved ? saved === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.classList.toggle("dark", dark);
  } catch {}
})();`;

/** `nonce`: the page's CSP nonce (proxy.ts), without which the browser refuses an inline script. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
