// Validates JSON-LD documents against SHACL shapes (Turtle) with rdf-validate-shacl.
//   node tools/shacl/validate.mjs SHAPES.ttl DATA.jsonld [DATA.jsonld ...]
// Prints one line per result (severity, focus node, path, constraint, message) and a count per constraint and path;
// exits 1 when any document has a result of severity sh:Violation (warnings and infos are printed, not failed),
// 2 on a usage or parse error. Nothing is fetched: the documents' @context must be inline.
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const [shapesPath, ...dataPaths] = process.argv.slice(2)
if (!shapesPath || dataPaths.length === 0) {
  console.error('usage: node validate.mjs SHAPES.ttl DATA.jsonld [DATA.jsonld ...]')
  process.exit(2)
}

const local = (term) => term?.value?.replace(/^.*[#/]/, '') ?? ''
const shapes = await rdf.dataset().import(rdf.fromFile(shapesPath))
let violations = 0
for (const path of dataPaths) {
  const data = await rdf.dataset().import(rdf.fromFile(path, { implementation: null, format: 'application/ld+json' }))
  const validator = new SHACLValidator(shapes, { factory: rdf })
  const report = await validator.validate(data)
  const counts = new Map()
  for (const r of report.results) {
    const severity = local(r.severity)
    if (severity === 'Violation') violations++
    const key = `${severity} ${local(r.sourceConstraintComponent)} ${r.path?.value ?? ''}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
    console.log(`${path}: ${severity} <${r.focusNode?.value}> ${r.path?.value ?? ''} ${local(r.sourceConstraintComponent)}: ${r.message.map(m => m.value).join('; ')}`)
  }
  console.log(`${path}: ${data.size} triples, ${report.results.length} results${report.conforms ? ' (conforms)' : ''}`)
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${key}`)
}
console.log(`${violations} violation(s)`)
process.exit(violations > 0 ? 1 : 0)
