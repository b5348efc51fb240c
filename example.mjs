import { readFile } from 'node:fs/promises';
import { loadPolicy, InvalidInputError, formatDiagnostic } from 'account-policy';

const policy = await loadPolicy(); // load and check the rules once ({ rules: dir } for others)
const file = 'examples/blocked.yaml'; // a shipped example account (YAML or JSON)
try {
  const result = await policy.evaluateText(await readFile(file, 'utf8'), {
    file, // named in diagnostics, with line and column
    now: '2026-11-24T12:00:00+08:00',
    lang: 'en',
  });
  const { outcome, reasons, consequences } = result.policies.cancel;
  console.log(`${result.accountId} cancel: ${outcome}`);
  for (const r of reasons) console.log(`  ✗ ${r.message} [${r.rule} §${r.source}]`);
  for (const c of consequences) console.log(`  → ${c.message} [${c.id}]`);
} catch (error) {
  if (!(error instanceof InvalidInputError)) throw error;
  // error.diagnostics: [{ code, message, pointer, line, col, … }]
  for (const d of error.diagnostics) console.error(formatDiagnostic(d));
  process.exitCode = 2;
}
