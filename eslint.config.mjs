import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "lib/db/generated/**",
      ".data/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    // lib/env.ts is the only reader of process.env; everything else gets validated values from it.
    files: ["app/**", "components/**", "lib/**", "scripts/**", "bench/**"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts (getEnv)." },
      ],
    },
  },
  {
    // The whiteboard touches `window` when imported: only client components may import it.
    files: ["lib/**", "app/api/**", "scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@excalidraw/excalidraw", "@excalidraw/excalidraw/*"],
              message: "Excalidraw is browser-only; use lib/diagram on the server.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
