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

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
