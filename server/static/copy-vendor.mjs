// Copy the browse UI's npm dependencies into server/static/vendor (run by `npm install`).
// The app serves them from there: no CDN, works on a closed network.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = join(root, "server", "static", "vendor");
const files = {
  "cytoscape/dist/cytoscape.min.js": "cytoscape.min.js",
  "@zazuko/yasgui/build/yasgui.min.js": "yasgui.min.js",
  "@zazuko/yasgui/build/yasgui.min.css": "yasgui.min.css",
};
mkdirSync(out, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", from), join(out, to));
  console.log(`vendor: ${from} -> server/static/vendor/${to}`);
}
