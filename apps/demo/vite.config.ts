import { defaultClientConditions, defineConfig } from "vite";
import { mnistAssets } from "./plugins/mnist-assets.ts";

// Workspace packages resolve to their TypeScript sources ("@backprop/source"), so the site
// builds without building the libraries first. `base: "./"` keeps the site relocatable:
// dist/ works from any folder of any static host.
export default defineConfig({
  base: "./",
  resolve: { conditions: ["@backprop/source", ...defaultClientConditions] },
  worker: { format: "es" },
  plugins: [mnistAssets()],
  build: { target: "es2022", chunkSizeWarningLimit: 1000 },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
