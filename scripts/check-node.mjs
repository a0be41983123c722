// Refuses to go on under a Node older than the one Electron embeds (24): npm scripts put the
// project's own node@24 (a devDependency) first on PATH, so this fails only outside npm scripts
// or before `npm ci`.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `error: Node ${process.versions.node} is running, but this project runs on Node 24 (the Node Electron embeds).\n` +
      '  Run it through npm (npm test, npm start, npm run <script>), which uses node_modules/.bin/node,\n' +
      '  after `npm ci` has installed the node@24 devDependency.',
  );
  process.exit(1);
}
