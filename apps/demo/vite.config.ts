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
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        // The ONNX writer (and protobufjs) loads on the first "Download ONNX" click only:
        // its own chunk, named so test/first-load.ts leaves it out of the first load.
        manualChunks: (id) =>
          id.includes("/packages/formats/") || id.includes("/protobufjs/") || id.includes("/long/")
            ? "on-demand-onnx"
            : undefined,
      },
    },
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
