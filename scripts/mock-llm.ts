/**
 * Runs the mock LLM server standalone, for e2e tests and benchmarks:
 *
 *   tsx scripts/mock-llm.ts --port 4010 --ttft-ms 300 --tokens-per-second 50
 *
 * Prints one JSON line `{"url":"http://127.0.0.1:4010"}` once listening. Point the OpenAI SDK at
 * `${url}/v1` and the Anthropic SDK at `url`. Drive it from another process with the control API:
 * POST /__mock/fault, POST /__mock/reply {text}, POST /__mock/config, POST /__mock/reset, GET /__mock/requests.
 * Stops on SIGINT / SIGTERM.
 */
import { parseArgs } from "node:util";
import { startMockLlmServer } from "../tests/mock-llm/server";

const USAGE =
  "usage: tsx scripts/mock-llm.ts [--port 4010] [--host 127.0.0.1] [--ttft-ms 300] [--tokens-per-second 50] [--follow-directive]";

/**
 * With --follow-directive the mock stands in for a model that does what the interviewer prompt's
 * per-turn directive says: it replies with the directive and the board changes it was given, so an
 * end-to-end test can see facts, curveballs and board reactions travel through a real provider call.
 */
function directiveReply(system: string): string | null {
  const directive = /THIS TURN'S DIRECTIVE\n([\s\S]*?)\n\n/.exec(system)?.[1];
  if (!directive) return null;
  const changes = /CHANGES since your last message: (.*)/.exec(system)?.[1];
  return changes && changes !== "none." ? `${changes}\n\n${directive}` : directive;
}

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "ttft-ms": { type: "string", default: "0" },
      "tokens-per-second": { type: "string", default: "0" },
      "follow-directive": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return {
    help: values.help,
    host: values.host,
    port: nonNegativeNumber("--port", values.port),
    ttftMs: nonNegativeNumber("--ttft-ms", values["ttft-ms"]),
    tokensPerSecond: nonNegativeNumber("--tokens-per-second", values["tokens-per-second"]),
    followDirective: values["follow-directive"],
  };
}

function nonNegativeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new Error(`${flag} must be a number >= 0, got "${text}"\n${USAGE}`);
  }
  return value;
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { followDirective, ...serverOptions } = options;
  const server = await startMockLlmServer(serverOptions);
  if (followDirective)
    server.setReply((req) => directiveReply(req.system) ?? `Mock reply to: ${req.messages.at(-1)?.content ?? ""}`);
  console.log(JSON.stringify({ url: server.url }));

  const shutDown = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", shutDown);
  process.once("SIGTERM", shutDown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
