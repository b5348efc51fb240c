// Size limits only: formatting is Prettier's, types are tsc's, imports are dependency-cruiser's.
// A file over 200 lines or a function over 60 is one that does more than one job.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      'max-lines': ['error', { max: 200 }],
      'max-lines-per-function': ['error', { max: 60 }],
    },
  },
  {
    // Not yet split: the size limits are met everywhere else. Remove a file from this list when
    // it is split (docs/architecture.md; issue 11's closing note lists them).
    files: [
      'src/audit/log/verify-log.ts',
      'src/diff/tally-diff.ts',
      'src/report/render-junit.ts',
      'src/report/render-markdown.ts',
      'src/report/report-tally.ts',
      'src/rule-tests/load-case-files.ts',
    ],
    rules: { 'max-lines': 'warn', 'max-lines-per-function': 'warn' },
  },
);
