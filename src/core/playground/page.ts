import { Example } from './examples';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** JSON safe inside a <script> element: no "</script>" or "<!--" can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The playground's HTML: GraphiQL from our own assets, the examples as data. */
export function playgroundPage(options: {
  endpoint: string;
  assets: string;
  examples: Example[];
}): string {
  const a = (file: string) => escapeHtml(`${options.assets}/${file}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>careergraph playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${a('graphiql.min.css')}">
<style>
  html, body, #root { height: 100%; margin: 0; }
  .cg-app { display: flex; flex-direction: column; height: 100%; }
  .cg-bar { display: flex; align-items: center; gap: 1.5rem; padding: 0.5rem 1rem; font: 14px system-ui, sans-serif;
            border-bottom: 1px solid #ddd; background: #f7f7f9; }
  .cg-picker select { font: inherit; padding: 0.2rem; margin-left: 0.3rem; }
  .cg-hint { color: #666; }
  .cg-graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="root" data-endpoint="${escapeHtml(options.endpoint)}"></div>
<script type="application/json" id="cg-examples">${scriptJson(options.examples)}</script>
<script src="${a('react.production.min.js')}"></script>
<script src="${a('react-dom.production.min.js')}"></script>
<script src="${a('graphiql.min.js')}"></script>
<script src="${a('playground.js')}"></script>
</body>
</html>
`;
}
