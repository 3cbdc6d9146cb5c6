// Lints pieces of code as if each were the file at its path, with the
// workspace's real ESLint config, in one process (loading the config and the
// Nx project graph once instead of once per case). Reads
// [{ filePath, code }] as JSON on stdin; writes, for each, the messages of
// the module-boundaries rule as a JSON array of arrays on stdout.
'use strict';
const { ESLint } = require('eslint');

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const cases = JSON.parse(input);
  const eslint = new ESLint({ cwd: process.cwd() });
  const answers = [];
  for (const { filePath, code } of cases) {
    const [result] = await eslint.lintText(code, { filePath });
    answers.push(
      (result?.messages ?? [])
        .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
        .map((message) => message.message),
    );
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
