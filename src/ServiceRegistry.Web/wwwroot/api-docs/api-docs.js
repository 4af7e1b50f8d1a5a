// Draws /openapi/v1.json as a list of operations (a file: the Content-Security-Policy allows no inline script).
(async () => {
  const doc = await (await fetch('/openapi/v1.json')).json();
  const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  const ref = r => r && r.$ref ? r.$ref.split('/').pop() : null;
  const schemaText = s => s ? (ref(s) || (s.type === 'array' ? `${schemaText(s.items)}[]` : (s.type || (s.oneOf ? 'oneOf' : 'object')))) : '';
  document.getElementById('info').innerHTML = `<p dir="ltr" class="text-start"><b>${esc(doc.info.title)}</b> ${esc(doc.info.version)}<br>${esc(doc.info.description)}</p>`;
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get','post','put','delete','patch'].includes(method)) continue;
      const params = (op.parameters || []).map(p => `<tr><td>${esc(p.name)}</td><td>${esc(p.in)}</td><td>${esc(schemaText(p.schema))}</td><td>${p.required ? 'required' : ''}</td><td>${esc(p.description)}</td></tr>`).join('');
      const body = op.requestBody ? `<p><b>Body:</b> ${Object.entries(op.requestBody.content || {}).map(([t, c]) => `${esc(t)} ${esc(schemaText(c.schema))}`).join(', ')}</p>` : '';
      const responses = Object.entries(op.responses || {}).map(([code, r]) => `<li>${esc(code)} ${esc(r.description)} ${Object.entries(r.content || {}).map(([t, c]) => `<code>${esc(t)}</code> ${esc(schemaText(c.schema))}`).join(', ')}</li>`).join('');
      const tryIt = method === 'get' ? `<form class="try d-flex gap-2 mt-2" data-path="${esc(path)}"><input class="form-control form-control-sm" name="url" value="${esc(path.replace('{id}', '1'))}"><button class="btn btn-sm btn-outline-primary">Try</button></form><pre class="out d-none"></pre>` : '';
      ops.push(`<details class="op"><summary><span class="m ${method}">${method}</span> <code>${esc(path)}</code> — ${esc(op.summary)}</summary><div class="body">
        ${params ? `<table class="table table-sm"><thead><tr><th>name</th><th>in</th><th>type</th><th></th><th>description</th></tr></thead><tbody>${params}</tbody></table>` : ''}
        ${body}<p><b>Responses:</b></p><ul>${responses}</ul>${tryIt}</div></details>`);
    }
  }
  const schemas = Object.entries(doc.components?.schemas || {}).map(([name, s]) =>
    `<details class="op"><summary><code>${esc(name)}</code></summary><div class="body"><pre>${esc(JSON.stringify(s, null, 2))}</pre></div></details>`).join('');
  document.getElementById('ops').innerHTML = ops.join('') + '<h2 class="h5 mt-4">Schemas</h2>' + schemas;
  document.querySelectorAll('form.try').forEach(f => f.addEventListener('submit', async e => {
    e.preventDefault();
    const out = f.nextElementSibling;
    const r = await fetch(f.url.value);
    const text = await r.text();
    out.classList.remove('d-none');
    try { out.textContent = `${r.status}\n` + JSON.stringify(JSON.parse(text), null, 2); } catch { out.textContent = `${r.status}\n` + text.slice(0, 4000); }
  }));
})();
