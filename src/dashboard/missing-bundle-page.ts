/** Shown at /app when web/dist is missing, so a fresh checkout says what to do instead of 404ing. */
export const missingBundlePage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Parley dashboard not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body>
<h1>The dashboard has not been built yet</h1>
<p>The server is running, but the dashboard bundle (<code>web/dist</code>) is missing.</p>
<p>Run <code>npm run build</code> in the Parley directory, then restart the server
(<code>npm install</code> runs the build for you).</p>
<p>The APIs work without it: see <a href="/docs">/docs</a>.</p>
</body>
</html>
`;
