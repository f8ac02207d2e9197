/**
 * The page a sketch runs in: a sandboxed iframe's srcdoc (sandbox="allow-scripts", never
 * allow-same-origin, so it has an opaque origin and cannot touch the parent page or its cookies).
 * Its CSP allows inline scripts and this server's p5.js file, nothing else: no fetch, no images,
 * no fonts from anywhere, so a sketch cannot send or load anything. Errors go to the parent as a
 * message so the child sees what went wrong.
 */
export function sketchDocument(code: string, p5Url: string): string {
  const csp = [
    'default-src \'none\'', `script-src 'unsafe-inline' ${p5Url}`, 'style-src \'unsafe-inline\'',
    'img-src data: blob:', 'media-src data: blob:', 'font-src data:', 'base-uri \'none\'', 'form-action \'none\'',
  ].join('; ')
  // The sketch is inline script: "</script" or "<!--" in it would end or confuse the element.
  const safeCode = code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style>html,body{margin:0;height:100%;background:#fff}body{display:grid;place-items:center;overflow:hidden}canvas{max-width:100%;max-height:100vh;height:auto!important;width:auto!important}</style>
<script>addEventListener('error',function(e){parent.postMessage({sketch:'error',message:String(e.message||e)},'*')})</script>
<script src="${p5Url}"></script>
</head><body><script>
${safeCode}
</script></body></html>`
}
