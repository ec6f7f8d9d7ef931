import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "./ui/cn";

/**
 * Renders Markdown safely (react-markdown never renders raw HTML). Single tildes are not strikethrough:
 * interview text is full of "~15%" and "~2K tokens".
 */
export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={cn("prose-brief", className)}>
      <ReactMarkdown remarkPlugins={[[remarkGfm, { singleTilde: false }]]}>{children}</ReactMarkdown>
    </div>
  );
}
